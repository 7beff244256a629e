//! The exit test: does the data survive the immediate exit after `DoFastShutdown`?
//!
//! A child process builds sessions and providers with `setup`, runs the client fast-shutdown sequence, and ends
//! the moment `DoFastShutdown` returns — no Release, no destructors, no atexit handlers — as the real process
//! does. Its journal streams to the parent as it is written, so a crash or a hang still shows how far it got.
//! The parent reports the child's exit, crash or timeout, then runs `verify` (for example: reopen the store's
//! file).
//!
//! - POSIX: the child is a `fork` of the caller and ends with `_exit`; the journal streams through a pipe.
//!   `fork` copies only the calling thread: call this from a single-threaded program (or at least one with no
//!   other thread inside mockmapi or holding locks `setup` needs).
//! - Windows (no `fork`): the child is the same program run again, with the same arguments and environment
//!   plus `MOCKMAPI_EXIT_TEST_CHILD` (which exit test of the run it is, and a folder), the way death tests are
//!   run on Windows. In the child, the exit tests before that one return the results the parent got (replayed,
//!   with the same journal entries, nothing run); the selected one runs `setup` and the sequence and ends with
//!   `TerminateProcess` (no DLL detach, no atexit handlers); the journal streams to a file in the folder. The
//!   program must therefore reach its exit tests in the same order each time it runs, and writes nothing the
//!   parent needs to stdout (the child's output is discarded).

#[cfg(unix)]
use std::io::Read;
#[cfg(unix)]
use std::os::fd::FromRawFd;
use std::time::Duration;
#[cfg(unix)]
use std::time::Instant;

use crate::com::{hresult_display, succeeded, HRESULT, MAPI_E_CALL_FAILED, S_OK};

use super::client::ClientStyle;
use super::journal::{write_all_fd, Event, EventType};
use super::method::Method;
use super::Runtime;

/// How the child ended. Values are the `MOCKMAPI_EXIT_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[repr(u32)]
pub enum ExitOutcome {
    /// DoFastShutdown reached the providers and the child exited at once, as a real client does.
    Completed = 1,
    /// `setup` failed; no shutdown was attempted.
    SetupFailed = 2,
    /// QueryFastShutdown did not return S_OK, so no fast shutdown happened (a real client falls back to the
    /// normal shutdown).
    NotFast = 3,
    /// The child died of a signal, or on Windows of an unhandled exception or `abort()` (a crash in a provider,
    /// most likely).
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ExitReport {
    pub outcome: ExitOutcome,
    /// The child's exit code (POSIX: -1 when it died of a signal or was killed). On Windows the process exit
    /// code, which for a crash is the exception code (`0xC0000005` as an `i32`) and 3 for `abort()`.
    pub exit_code: i32,
    /// The signal that ended the child (0 if none; SIGKILL after a timeout). On Windows the C signal that
    /// matches the crash: `SIGSEGV` for an access violation, `SIGILL`, `SIGFPE`, `SIGABRT` for `abort()` and
    /// fail-fast; 0 otherwise (also after a timeout).
    pub signal: i32,
    pub setup: HRESULT,
    /// The client sequence's result (DoFastShutdown's, or the failing QueryFastShutdown's).
    pub shutdown: HRESULT,
    /// `verify`'s result (`S_OK` when no verify was given).
    pub verify: HRESULT,
    /// The child's journal as text, as far as it got.
    pub child_journal: String,
    /// The child reached the exit test and began `setup`.
    pub started: bool,
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

/// How a child process ended, as the platform reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChildEnd {
    /// It exited by itself with this code (on Windows: any code that is not a crash).
    Exited(i32),
    /// It crashed: the POSIX signal or the matching C signal (0 if none), and the exit code to report.
    Crashed { signal: i32, code: i32 },
    /// It ran past the time limit and was killed (with this signal on POSIX, 0 on Windows).
    TimedOut { signal: i32 },
}

impl Runtime {
    /// Run an exit test (see the module documentation). `setup` runs in the child on a fresh runtime state;
    /// `verify` runs in the parent after the child ended.
    pub fn exit_test(
        &self,
        setup: &mut dyn FnMut() -> HRESULT,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
        options: ExitOptions,
    ) -> Result<ExitReport, String> {
        #[cfg(unix)]
        let report = self.exit_test_fork(setup, verify, options)?;
        #[cfg(windows)]
        let report = self.exit_test_rerun(setup, verify, options)?;
        self.journal_exit_report(&report);
        Ok(report)
    }

    /// Journal the outcome of an exit test in the calling process.
    pub(crate) fn journal_exit_report(&self, report: &ExitReport) {
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
    }

    /// The parent's part once the child ended: read its report, run `verify` if it completed, summarize.
    pub(crate) fn conclude(
        &self,
        text: String,
        end: ChildEnd,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
    ) -> ExitReport {
        let mut report = self.parse_child(text, end);
        if report.outcome == ExitOutcome::Completed {
            if let Some(verify) = verify {
                report.verify = verify();
            }
        }
        report.summary = summarize(&report);
        report
    }

    #[cfg(unix)]
    fn exit_test_fork(
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
        let end = if timed_out {
            ChildEnd::TimedOut {
                signal: libc::SIGKILL,
            }
        } else if libc::WIFSIGNALED(status) {
            ChildEnd::Crashed {
                signal: libc::WTERMSIG(status),
                code: -1,
            }
        } else {
            ChildEnd::Exited(libc::WEXITSTATUS(status))
        };
        Ok(self.conclude(text, end, verify))
    }

    #[cfg(unix)]
    fn run_child(&self, fd: i32, setup: &mut dyn FnMut() -> HRESULT, style: ClientStyle) -> ! {
        let code = self.child_sequence(fd, setup, style);
        // SAFETY: the immediate exit of a real client after DoFastShutdown: no destructors, no atexit handlers.
        unsafe { libc::_exit(code) }
    }

    /// The child's part: a fresh runtime state, `setup`, the client sequence, each step marked on `fd` (which
    /// also receives the journal). Returns the exit code the child must end with at once.
    pub(crate) fn child_sequence(
        &self,
        fd: i32,
        setup: &mut dyn FnMut() -> HRESULT,
        style: ClientStyle,
    ) -> i32 {
        self.abandon_state();
        let journal = &self.inner.journal;
        journal.set_mirror_fd(Some(fd));
        let mark = |what: &str, hr: HRESULT| {
            write_all_fd(fd, format!("{MARK}{what} 0x{:08X}\n", hr as u32).as_bytes())
        };
        mark("start", S_OK);
        let hr = setup();
        mark("setup", hr);
        if !succeeded(hr) {
            return CODE_SETUP_FAILED;
        }
        let hr = self.client_fast_shutdown(style);
        mark("shutdown", hr);
        if self.is_exited() {
            0
        } else {
            CODE_NOT_FAST
        }
    }

    fn parse_child(&self, text: String, end: ChildEnd) -> ExitReport {
        let mut setup = S_OK;
        let mut shutdown = S_OK;
        let mut journal_lines = String::new();
        let mut saw_shutdown = false;
        let mut started = false;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix(MARK) {
                let mut parts = rest.split_whitespace();
                let what = parts.next().unwrap_or("");
                let hr = parts
                    .next()
                    .and_then(|h| u32::from_str_radix(h.trim_start_matches("0x"), 16).ok())
                    .unwrap_or(0) as HRESULT;
                match what {
                    "start" => started = true,
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
        let (outcome, exit_code, signal) = match end {
            ChildEnd::TimedOut { signal } => (ExitOutcome::TimedOut, -1, signal),
            ChildEnd::Crashed { signal, code } => (ExitOutcome::Crashed, code, signal),
            ChildEnd::Exited(CODE_SETUP_FAILED) => (ExitOutcome::SetupFailed, CODE_SETUP_FAILED, 0),
            ChildEnd::Exited(CODE_NOT_FAST) => (ExitOutcome::NotFast, CODE_NOT_FAST, 0),
            ChildEnd::Exited(0) if saw_shutdown => (ExitOutcome::Completed, 0, 0),
            ChildEnd::Exited(code) => (ExitOutcome::ExitedEarly, code, 0),
        };
        ExitReport {
            outcome,
            exit_code,
            signal,
            setup,
            shutdown,
            verify: S_OK,
            child_journal: journal_lines,
            started,
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
        ExitOutcome::Crashed if cfg!(windows) => format!(
            "the child died of {} during the sequence; last journaled: {}",
            windows_crash_name(r.exit_code as u32, r.signal),
            last_call(&r.child_journal)
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
        ExitOutcome::ExitedEarly if cfg!(windows) && !r.started => format!(
            "the child exited with code {} without reaching this exit test: on Windows the exit test runs the \
             program again, which must reach its exit tests in the same order every time it runs",
            r.exit_code
        ),
        ExitOutcome::ExitedEarly => format!(
            "the child exited with code {} before the sequence ended (a provider called exit?)",
            r.exit_code
        ),
    }
}

/// On Windows: the C signal that matches how a process crashed, from its exit code (0 if none). `abort()` in
/// the C runtime ends the process with exit code 3; a crash ends it with the exception code.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn windows_crash_signal(code: u32) -> Option<i32> {
    // The C signal numbers of the Windows C runtime (signal.h).
    const SIGILL: i32 = 4;
    const SIGFPE: i32 = 8;
    const SIGSEGV: i32 = 11;
    const SIGABRT: i32 = 22;
    match code {
        3 => Some(SIGABRT),
        0xC000_0005 | 0xC000_0006 | 0xC000_00FD | 0xC000_008C => Some(SIGSEGV),
        0xC000_001D | 0xC000_0096 => Some(SIGILL),
        0xC000_008D..=0xC000_0095 => Some(SIGFPE),
        0xC000_0409 | 0x4000_0015 => Some(SIGABRT),
        c if c & 0xC000_0000 == 0xC000_0000 => Some(0),
        _ => None,
    }
}

fn windows_crash_name(code: u32, signal: i32) -> String {
    let what = match code {
        3 => "abort()",
        0xC000_0005 => "an access violation",
        0xC000_00FD => "a stack overflow",
        0xC000_001D => "an illegal instruction",
        0xC000_0094 => "an integer division by zero",
        0xC000_0409 => "a fail-fast abort",
        _ => "an unhandled exception",
    };
    if signal != 0 {
        format!("signal {signal} ({what}, exit code 0x{code:08X})")
    } else {
        format!("{what} (exit code 0x{code:08X})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_exit_codes_name_their_crash() {
        assert_eq!(windows_crash_signal(0), None, "a clean exit");
        assert_eq!(windows_crash_signal(CODE_NOT_FAST as u32), None);
        assert_eq!(windows_crash_signal(3), Some(22), "abort() is SIGABRT");
        assert_eq!(
            windows_crash_signal(0xC000_0005),
            Some(11),
            "access violation is SIGSEGV"
        );
        assert_eq!(
            windows_crash_signal(0xC000_0409),
            Some(22),
            "fail-fast is SIGABRT"
        );
        assert_eq!(windows_crash_signal(0xC000_0094), Some(8));
        assert_eq!(windows_crash_signal(0xC000_001D), Some(4));
        assert_eq!(
            windows_crash_signal(0xC000_0142),
            Some(0),
            "any other NTSTATUS error is a crash"
        );
        assert_eq!(
            windows_crash_name(0xC000_0005, 11),
            "signal 11 (an access violation, exit code 0xC0000005)"
        );
    }

    #[test]
    fn the_child_end_decides_the_outcome() {
        let rt = Runtime::new(super::super::Config::default());
        let text = format!(
            "{MARK}start 0x00000000\n{MARK}setup 0x00000000\nline\n{MARK}shutdown 0x00000000\n"
        );
        let r = rt.parse_child(text.clone(), ChildEnd::Exited(0));
        assert_eq!(
            (r.outcome, r.started, r.child_journal.as_str()),
            (ExitOutcome::Completed, true, "line\n")
        );
        let r = rt.parse_child(
            text.clone(),
            ChildEnd::Crashed {
                signal: 11,
                code: -1,
            },
        );
        assert_eq!((r.outcome, r.signal), (ExitOutcome::Crashed, 11));
        let r = rt.parse_child(text, ChildEnd::TimedOut { signal: 9 });
        assert_eq!(r.outcome, ExitOutcome::TimedOut);
        let r = rt.parse_child(String::new(), ChildEnd::Exited(0));
        assert_eq!(
            (r.outcome, r.started),
            (ExitOutcome::ExitedEarly, false),
            "never reached the exit test"
        );
        let r = rt.parse_child(
            format!("{MARK}start 0x00000000\n"),
            ChildEnd::Exited(CODE_SETUP_FAILED),
        );
        assert_eq!(r.outcome, ExitOutcome::SetupFailed);
    }
}
