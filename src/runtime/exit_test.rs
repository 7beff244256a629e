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

use std::collections::BTreeMap;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd};
use std::time::{Duration, Instant};

use crate::com::{hresult_display, succeeded, HRESULT, MAPI_E_CALL_FAILED, S_OK};

use super::client::ClientStyle;
use super::journal::{write_all_fd, Event, EventType, MirrorLine};
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
    /// The child's journal as text, as far as it got (a call that never returned reads "(in progress)").
    pub child_journal: String,
    /// The provider call in progress when the child ended (`store "x" DoFastShutdown`), if one was.
    pub in_progress: Option<String>,
    /// The child's last journal line.
    pub last: Option<String>,
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
            // SAFETY: child side: its own process group (so a timeout ends every process the provider started),
            // close the read end; never returns.
            unsafe {
                libc::setpgid(0, 0);
                libc::close(read_fd);
            }
            self.run_child(write_fd, setup, options.style);
        }
        // SAFETY: parent side: the same process group change (whichever runs first wins; both ask the same), and
        // close the write end.
        unsafe {
            libc::setpgid(pid, pid);
            libc::close(write_fd);
        }
        // SAFETY: we own read_fd from here on.
        let pipe = unsafe { std::fs::File::from_raw_fd(read_fd) };
        let (text, status, timed_out) = watch_child(pid, pipe, options.timeout)?;
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
        let mut events: BTreeMap<u64, MirrorLine> = BTreeMap::new();
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
            } else if let Ok(event) = serde_json::from_str::<MirrorLine>(line) {
                // The completion of a call replaces its start.
                events.insert(event.sequence, event);
            }
        }
        let mut journal_lines = String::new();
        for e in events.values() {
            journal_lines.push_str(&e.text);
            journal_lines.push('\n');
        }
        let in_progress = events
            .values()
            .rev()
            .find(|e| e.pending && e.provider_call)
            .map(|e| e.call.clone());
        let last = events.values().next_back().map(|e| e.text.clone());
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
            in_progress,
            last,
            summary: String::new(),
        }
    }
}

/// Read the child's stream until the child ends or the deadline passes — never until EOF, since a process the
/// provider started may hold the pipe open forever. At the deadline the child's whole process group is killed.
/// Once the child ended, what is already in the pipe is read and the rest of its process group is ended too.
/// Returns the text, the wait status and whether the deadline passed.
pub(crate) fn watch_child(
    pid: libc::pid_t,
    mut pipe: std::fs::File,
    timeout: Duration,
) -> Result<(String, i32, bool), String> {
    let fd = pipe.as_raw_fd();
    // SAFETY: our own descriptor; reads below never block.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
    }
    let deadline = Instant::now() + timeout;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut open = true;
    let mut drain = |buf: &mut Vec<u8>, open: &mut bool| {
        while *open {
            match pipe.read(&mut chunk) {
                Ok(0) => *open = false,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break, // WouldBlock: nothing more right now
            }
        }
    };
    let mut status = 0i32;
    let mut timed_out = false;
    loop {
        drain(&mut buf, &mut open);
        // SAFETY: waiting for our own child.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            break;
        }
        if r < 0 {
            let err = std::io::Error::last_os_error();
            kill_group(pid);
            return Err(format!("waitpid failed: {err}"));
        }
        let now = Instant::now();
        if now >= deadline {
            timed_out = true;
            kill_group(pid);
            // SAFETY: reaping our own, killed, child.
            unsafe { libc::waitpid(pid, &mut status, 0) };
            break;
        }
        let wait = (deadline - now).min(Duration::from_millis(20));
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        if open {
            // SAFETY: one valid pollfd; bounded wait.
            unsafe { libc::poll(&mut pfd, 1, wait.as_millis().max(1) as i32) };
        } else {
            std::thread::sleep(wait);
        }
    }
    drain(&mut buf, &mut open);
    // Whatever the provider started in the child's group goes with the child.
    kill_group(pid);
    Ok((
        String::from_utf8_lossy(&buf).into_owned(),
        status,
        timed_out,
    ))
}

/// SIGKILL the child's process group and the child itself (if it was not moved to its own group in time).
fn kill_group(pid: libc::pid_t) {
    // SAFETY: signals to our own child and its process group.
    unsafe {
        libc::kill(-pid, libc::SIGKILL);
        libc::kill(pid, libc::SIGKILL);
    }
}

/// The name of a signal that commonly ends a crashing or killed provider.
pub(crate) fn signal_name(signal: i32) -> String {
    let name = match signal {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGILL => "SIGILL",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGTRAP => "SIGTRAP",
        _ => return format!("signal {signal}"),
    };
    format!("signal {signal} ({name})")
}

/// The culprit: the provider call in progress when the child ended, else the last line it journaled (a
/// completed call is never called "in progress").
fn culprit(r: &ExitReport, how: &str) -> String {
    match (&r.in_progress, &r.last) {
        (Some(call), _) => format!("{call} — in progress when the child {how}"),
        (None, Some(last)) => format!("no provider call was in progress; last journaled: {last}"),
        (None, None) => "nothing was journaled".to_owned(),
    }
}

fn summarize(r: &ExitReport) -> String {
    match r.outcome {
        ExitOutcome::Completed if r.verify == S_OK => format!(
            "the child exited right after DoFastShutdown ({}) and verify confirmed the data survived",
            hresult_display(r.shutdown)
        ),
        ExitOutcome::Completed => format!(
            "the child exited right after DoFastShutdown ({}) but verify returned {}: data written after \
             DoFastShutdown returned, or never written, is lost [rule {}]",
            hresult_display(r.shutdown),
            hresult_display(r.verify),
            crate::rules::DATA_SAVED_BY_DO
        ),
        ExitOutcome::SetupFailed => format!("setup failed in the child with {}", hresult_display(r.setup)),
        ExitOutcome::NotFast => format!(
            "no fast shutdown happened: the client sequence ended with {} (check the policy and the providers' \
             QueryFastShutdown answers in the child journal)",
            hresult_display(r.shutdown)
        ),
        ExitOutcome::Crashed => format!(
            "the child died of {} during the sequence: {}",
            signal_name(r.signal),
            culprit(r, &format!("died of {}", signal_name(r.signal)))
        ),
        ExitOutcome::TimedOut => format!(
            "the child did not finish in time and was killed (a provider hangs?): {}",
            culprit(r, "was killed")
        ),
        ExitOutcome::ExitedEarly => format!(
            "the child exited with code {} before the sequence ended (a provider called exit?): {}",
            r.exit_code,
            culprit(r, "exited")
        ),
    }
}
