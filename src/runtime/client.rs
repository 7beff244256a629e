//! The client side, driven as named real clients drive it.

use std::sync::Arc;

use crate::com::{HRESULT, MAPI_E_NOT_FOUND, S_OK};

use super::journal::{Event, EventType};
use super::method::Method;
use super::session::SessionObject;
use super::Runtime;

/// How a client sequences the three `IMAPIClientShutdown` calls. Values are the `MOCKMAPI_CLIENT_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum ClientStyle {
    /// The documented sequence: QueryFastShutdown, then NotifyProcessShutdown and DoFastShutdown only after `S_OK`.
    Documented = 1,
    /// NotifyProcessShutdown even after a failed QueryFastShutdown (then DoFastShutdown only after `S_OK`).
    AlwaysNotify = 2,
    /// QueryFastShutdown, then DoFastShutdown after `S_OK`, with no NotifyProcessShutdown.
    NoNotify = 3,
}

impl ClientStyle {
    pub fn from_u32(v: u32) -> Option<ClientStyle> {
        match v {
            1 => Some(ClientStyle::Documented),
            2 => Some(ClientStyle::AlwaysNotify),
            3 => Some(ClientStyle::NoNotify),
            _ => None,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ClientStyle::Documented => "documented (Query; Notify and Do only after S_OK)",
            ClientStyle::AlwaysNotify => {
                "always notify (Notify even after a failed Query; a deviation)"
            }
            ClientStyle::NoNotify => "no notify (Query then Do; a deviation)",
        }
    }
}

impl Runtime {
    /// The first active session's object, in logon order.
    fn first_session(&self) -> Option<Arc<SessionObject>> {
        let st = self.inner.state.lock();
        let id = *st.sessions.keys().next()?;
        st.objects
            .values()
            .find(|o| o.id == id && o.generation == st.generation)
            .cloned()
    }

    /// Run the client fast-shutdown sequence in `style` through the first active session's
    /// `IMAPIClientShutdown`. Returns `S_OK` when DoFastShutdown returned `S_OK`, otherwise the first failing
    /// client result; `MAPI_E_NOT_FOUND` when no session is logged on. Deviations from the documented sequence
    /// are journaled by the calls themselves (a violation or a diagnostic).
    pub fn client_fast_shutdown(&self, style: ClientStyle) -> HRESULT {
        let rt = &self.inner;
        let slot = rt.journal.begin(Event::new(
            EventType::ClientCall,
            Method::ClientFastShutdown,
        ));
        let Some(obj) = self.first_session() else {
            rt.journal.diagnostic(
                Method::ClientFastShutdown,
                0,
                "mockmapi_client_fast_shutdown: no session is logged on; log on and attach providers first",
            );
            rt.journal.finish(slot, MAPI_E_NOT_FOUND, None);
            return MAPI_E_NOT_FOUND;
        };
        let query = rt.client_query_fast_shutdown(&obj);
        let hr = match style {
            ClientStyle::Documented | ClientStyle::AlwaysNotify => {
                if query == S_OK || style == ClientStyle::AlwaysNotify {
                    rt.client_notify_process_shutdown(&obj);
                }
                if query == S_OK {
                    rt.client_do_fast_shutdown(&obj)
                } else {
                    query
                }
            }
            ClientStyle::NoNotify => {
                if query == S_OK {
                    rt.client_do_fast_shutdown(&obj)
                } else {
                    query
                }
            }
        };
        rt.journal.finish(
            slot,
            hr,
            Some(format!(
                "client style: {}; session {}",
                style.describe(),
                obj.id
            )),
        );
        hr
    }
}
