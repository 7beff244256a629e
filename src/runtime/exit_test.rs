//! The exit test: does the data survive the immediate exit after `DoFastShutdown`?
//!
//! A child process (POSIX `fork`) builds sessions and providers with `setup`, runs the client fast-shutdown
//! sequence, and ends with `_exit` the moment `DoFastShutdown` returns — no Release, no destructors, no atexit
//! handlers — as the real process does. Its journal streams to the parent through a pipe as it is written, so
//! a crash or a hang still shows how far it got. The parent reports the child's exit, signal or timeout, then
//! runs `verify` (for example: reopen the store's file).
//!
//! `fork` copies only the calling thread: call this from a single-threaded program (or at least one with no
//! other thread inside mockmapi or holding locks `setup` needs).

use std::io::Read;
use std::os::fd::FromRawFd;
use std::time::{Duration, Instant};

use crate::com::{hresult_display, succeeded, HRESULT, MAPI_E_CALL_FAILED, S_OK};

use super::client::ClientStyle;
use super::journal::{write_all_fd, Event, EventType};
use super::method::Method;
use super::Runtime;

/// How the child ended. Values are the `MOCKMAPI_EXIT_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum ExitOutcome {
    /// DoFastShutdown reached the providers and the child exited at once, as a real client does.
    Completed = 1,
    /// `setup` failed; no shutdown was attempted.
    SetupFailed = 2,
    /// QueryFastShutdown did not return S_OK, so no fast shutdown happened (a real client falls back to the
    /// normal shutdown).
    NotFast = 3,
    /// The child died of a signal (a crash in a provider, most likely).
    Crashed = 4,
    /// The child did not finish within the time limit and was killed (a hanging provider).
    TimedOut = 5,
    /// The child exited by itself before finishing the sequence (a provider called exit, for example).
    ExitedEarly = 6,
}

/// Options of one exit test.
#[derive(Debug, Clone, Copy)]
pub struct ExitOptions {
    pub style: ClientStyle,
    /// How long the child may take from fork to exit.
    pub timeout: Duration,
}

impl Default for ExitOptions {
    fn default() -> Self {
        ExitOptions {
            style: ClientStyle::Documented,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What happened.
#[derive(Debug, Clone)]
pub struct ExitReport {
    pub outcome: ExitOutcome,
    /// The child's exit code (-1 when it died of a signal or was killed).
    pub exit_code: i32,
    /// The signal that ended the child (0 if none; SIGKILL after a timeout).
    pub signal: i32,
    pub setup: HRESULT,
    /// The client sequence's result (DoFastShutdown's, or the failing QueryFastShutdown's).
    pub shutdown: HRESULT,
    /// `verify`'s result (`S_OK` when no verify was given).
    pub verify: HRESULT,
    /// The child's journal as text, as far as it got.
    pub child_journal: String,
    /// One line for a person.
    pub summary: String,
}

impl ExitReport {
    /// Whether the child completed the fast shutdown and the data survived.
    pub fn passed(&self) -> bool {
        self.outcome == ExitOutcome::Completed && self.verify == S_OK
    }
}

const CODE_SETUP_FAILED: i32 = 90;
const CODE_NOT_FAST: i32 = 91;
const MARK: &str = "#mockmapi-exit ";

impl Runtime {
    /// Run an exit test (see the module documentation). `setup` runs in the child on a fresh runtime state;
    /// `verify` runs in the parent after the child ended.
    pub fn exit_test(
        &self,
        setup: &mut dyn FnMut() -> HRESULT,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
        options: ExitOptions,
    ) -> Result<ExitReport, String> {
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return Err(format!("pipe failed: {}", std::io::Error::last_os_error()));
        }
        let (read_fd, write_fd) = (fds[0], fds[1]);
        // SAFETY: fork; the child only runs the sequence below and ends with _exit.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            // SAFETY: closing the descriptors we just created.
            unsafe {
                libc::close(read_fd);
                libc::close(write_fd);
            }
            return Err(format!("fork failed: {}", std::io::Error::last_os_error()));
        }
        if pid == 0 {
            // SAFETY: child side: close the read end; never returns.
            unsafe { libc::close(read_fd) };
            self.run_child(write_fd, setup, options.style);
        }
        // SAFETY: parent side: close the write end so EOF arrives when the child ends.
        unsafe { libc::close(write_fd) };
        // SAFETY: we own read_fd from here on.
        let mut pipe = unsafe { std::fs::File::from_raw_fd(read_fd) };
        let reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        });
        let started = Instant::now();
        let mut status = 0i32;
        let mut timed_out = false;
        loop {
            // SAFETY: waiting for our own child.
            let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
            if r == pid {
                break;
            }
            if r < 0 {
                return Err(format!(
                    "waitpid failed: {}",
                    std::io::Error::last_os_error()
                ));
            }
            if started.elapsed() > options.timeout {
                timed_out = true;
                // SAFETY: killing and reaping our own child.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                    libc::waitpid(pid, &mut status, 0);
                }
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let text = reader.join().unwrap_or_default();
        let mut report = self.parse_child(text, status, timed_out, options.timeout);
        if report.outcome == ExitOutcome::Completed {
            if let Some(verify) = verify {
                report.verify = verify();
            }
        }
        report.summary = summarize(&report);
        let journal = &self.inner.journal;
        journal.record(Event {
            hresult: if report.passed() {
                S_OK
            } else {
                MAPI_E_CALL_FAILED
            },
            message: Some(super::journal::c_string(report.summary.clone())),
            ..Event::new(EventType::ClientCall, Method::ExitTest)
        });
        if !report.passed() {
            journal.diagnostic(
                Method::ExitTest,
                0,
                format!("exit test failed: {}", report.summary),
            );
        }
        Ok(report)
    }

    fn run_child(&self, fd: i32, setup: &mut dyn FnMut() -> HRESULT, style: ClientStyle) -> ! {
        self.abandon_state();
        let journal = &self.inner.journal;
        journal.set_mirror_fd(Some(fd));
        let mark = |what: &str, hr: HRESULT| {
            write_all_fd(fd, format!("{MARK}{what} 0x{:08X}\n", hr as u32).as_bytes())
        };
        let hr = setup();
        mark("setup", hr);
        if !succeeded(hr) {
            // SAFETY: ending the child at once.
            unsafe { libc::_exit(CODE_SETUP_FAILED) };
        }
        let hr = self.client_fast_shutdown(style);
        mark("shutdown", hr);
        let code = if self.is_exited() { 0 } else { CODE_NOT_FAST };
        // SAFETY: the immediate exit of a real client after DoFastShutdown: no destructors, no atexit handlers.
        unsafe { libc::_exit(code) }
    }

    fn parse_child(
        &self,
        text: String,
        status: i32,
        timed_out: bool,
        timeout: Duration,
    ) -> ExitReport {
        let mut setup = S_OK;
        let mut shutdown = S_OK;
        let mut journal_lines = String::new();
        let mut saw_shutdown = false;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix(MARK) {
                let mut parts = rest.split_whitespace();
                let what = parts.next().unwrap_or("");
                let hr = parts
                    .next()
                    .and_then(|h| u32::from_str_radix(h.trim_start_matches("0x"), 16).ok())
                    .unwrap_or(0) as HRESULT;
                match what {
                    "setup" => setup = hr,
                    "shutdown" => {
                        shutdown = hr;
                        saw_shutdown = true;
                    }
                    _ => {}
                }
            } else {
                journal_lines.push_str(line);
                journal_lines.push('\n');
            }
        }
        let exited = libc::WIFEXITED(status);
        let exit_code = if exited {
            libc::WEXITSTATUS(status)
        } else {
            -1
        };
        let signal = if libc::WIFSIGNALED(status) {
            libc::WTERMSIG(status)
        } else {
            0
        };
        let outcome = if timed_out {
            ExitOutcome::TimedOut
        } else if signal != 0 {
            ExitOutcome::Crashed
        } else if exit_code == CODE_SETUP_FAILED {
            ExitOutcome::SetupFailed
        } else if exit_code == CODE_NOT_FAST {
            ExitOutcome::NotFast
        } else if exit_code == 0 && saw_shutdown {
            ExitOutcome::Completed
        } else {
            ExitOutcome::ExitedEarly
        };
        let _ = timeout;
        ExitReport {
            outcome,
            exit_code,
            signal,
            setup,
            shutdown,
            verify: S_OK,
            child_journal: journal_lines,
            summary: String::new(),
        }
    }
}

/// The last line the child journaled: the call in progress when it died, or the last one that finished.
fn last_call(journal: &str) -> &str {
    journal
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("(nothing was journaled)")
}

fn summarize(r: &ExitReport) -> String {
    match r.outcome {
        ExitOutcome::Completed if r.verify == S_OK => format!(
            "the child exited right after DoFastShutdown ({}) and verify confirmed the data survived",
            hresult_display(r.shutdown)
        ),
        ExitOutcome::Completed => format!(
            "the child exited right after DoFastShutdown ({}) but verify returned {}: data written after \
             DoFastShutdown returned, or never written, is lost",
            hresult_display(r.shutdown),
            hresult_display(r.verify)
        ),
        ExitOutcome::SetupFailed => format!("setup failed in the child with {}", hresult_display(r.setup)),
        ExitOutcome::NotFast => format!(
            "no fast shutdown happened: the client sequence ended with {} (check the policy and the providers' \
             QueryFastShutdown answers in the child journal)",
            hresult_display(r.shutdown)
        ),
        ExitOutcome::Crashed => format!(
            "the child died of signal {} during the sequence; last journaled: {}",
            r.signal,
            last_call(&r.child_journal)
        ),
        ExitOutcome::TimedOut => format!(
            "the child did not finish in time and was killed (a provider hangs?); last journaled call: {}",
            last_call(&r.child_journal)
        ),
        ExitOutcome::ExitedEarly => format!(
            "the child exited with code {} before the sequence ended (a provider called exit?)",
            r.exit_code
        ),
    }
}
