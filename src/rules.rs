//! The rules mockmapi enforces or `mockmapi check` cites, each with one stable identifier.
//!
//! Every identifier is defined in `RULES.md` (shipped with the project); violation messages start with
//! `[<id>]`, `mockmapi check` names the id of each check, and the tests of a rule carry its id in their names.
//! Identifiers never change meaning; a retired rule keeps its id reserved.

/// A rule: its stable identifier and one line saying what it requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub summary: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:literal : $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $name: &str = $id;
        )*
        /// Every rule, in the order RULES.md lists them.
        pub const ALL: &[Rule] = &[$(Rule { id: $id, summary: $summary }),*];
    };
}

rules! {
    PROVIDER_ENTRY = "MM-ENTRY": "A provider entry point returns a new provider object per call, and MAPI_E_VERSION for an incompatible SPI version.";
    COM_QUERY_INTERFACE = "MM-COM-QI": "QueryInterface sets *ppv to NULL on failure and AddRefs the returned pointer on success.";
    COM_REFCOUNT = "MM-COM-REF": "References are balanced: no Release without a reference, no AddRef after the last Release.";
    PROVIDER_INTERFACE = "MM-FS-IFACE": "A provider takes part in fast shutdown by exposing IMAPIProviderShutdown through QueryInterface on its provider object.";
    PROVIDER_QUERY = "MM-FS-QUERY": "A provider's QueryFastShutdown returns S_OK to take part or MAPI_E_NO_SUPPORT to block; other success codes count as support.";
    FAN_OUT_ORDER = "MM-FS-ORDER": "Providers are called session by session in logon order, transport, then address book, then store.";
    POLICY = "MM-FS-POLICY": "FastShutdownBehavior 0 (unless a provider opts out), 1 (only if every provider opts in), 2 (disabled: no provider call).";
    NO_DO_WITHOUT_QUERY = "MM-FS-QUERY-FIRST": "NotifyProcessShutdown and DoFastShutdown reach providers only after the latest client QueryFastShutdown returned S_OK and no logon or provider was added since.";
    NOTIFY_BEFORE_DO = "MM-FS-NOTIFY": "NotifyProcessShutdown comes before DoFastShutdown; a provider stops background work when notified.";
    ONE_INTERFACE = "MM-FS-ONE-IFACE": "The runtime obtains a provider's IMAPIProviderShutdown once per sequence and holds it: the provider sees QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown and nothing else.";
    DATA_SAVED_BY_DO = "MM-FS-SAVED": "Everything a provider must keep is saved before its DoFastShutdown returns: the process exits at once, with no Release, Shutdown or destructor.";
    NOTHING_AFTER_DO = "MM-FS-EXITED": "Once a client DoFastShutdown starts calling providers, no provider method runs again and every MAPI call is refused.";
    CALLS_ARE_QUICK = "MM-FS-QUICK": "Calls made at process end return quickly (the per-call budget).";
    NORMAL_SHUTDOWN = "MM-NS-ORDER": "Normal shutdown: Logoff, then each provider's Shutdown(&0), then Release, in fan-out order.";
    LOGGED_OFF_SESSION = "MM-NS-LOGGED-OFF": "A logged-off session accepts only Release.";
    INITIALIZED = "MM-INIT": "MAPI calls need MAPIInitialize; every MAPIInitialize is balanced by one MAPIUninitialize.";
    ARGUMENTS = "MM-ARGS": "Bad arguments from C get the documented HRESULT and a journal entry, never a crash.";
    CONFIGURATION = "MM-CONFIG": "A configuration or registry file that fails to load is reported with file:line:column, and MAPIInitialize fails until it loads.";
    EXIT_TEST = "MM-EXIT-TEST": "The exit test ends its child right after DoFastShutdown with no further call; the data a provider saved must survive.";
}

/// The rule with this identifier.
pub fn find(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_unique_and_every_one_is_defined_in_rules_md() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/RULES.md"))
            .expect("RULES.md ships with the project");
        for (i, r) in ALL.iter().enumerate() {
            assert!(
                ALL[..i].iter().all(|o| o.id != r.id),
                "{} is defined twice",
                r.id
            );
            assert!(
                doc.contains(&format!("| `{}` |", r.id)),
                "RULES.md has no row for {}",
                r.id
            );
            assert_eq!(find(r.id), Some(r));
        }
    }
}
