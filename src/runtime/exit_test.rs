//! The exit test: does the data survive the immediate exit after `DoFastShutdown`?
//!
//! A child process (POSIX `fork`; on Windows the program started again, see `Runtime::exit_test_spawned`)
//! builds sessions and providers with `setup`, runs the client fast-shutdown sequence, and ends the moment
//! `DoFastShutdown` returns (`_exit`; `TerminateProcess` on Windows) — no Release, no destructors, no atexit
//! handlers, no DLL detach — as the real process does. Its journal streams to the parent through a pipe as it is written, so
//! a crash or a hang still shows how far it got. The parent reports the child's exit, signal or timeout, then
//! runs `verify` (for example: reopen the store's file).
//!
//! `fork` copies only the calling thread: call this from a single-threaded program (or at least one with no
//! other thread inside mockmapi or holding locks `setup` needs).

use std::collections::BTreeMap;
#[cfg(unix)]
use std::io::Read;
#[cfg(unix)]
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
    /// The child died of a signal (a crash in a provider, most likely); on Windows: of an exception, or abort().
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
    /// The signal that ended the child (0 if none; SIGKILL after a timeout). Always 0 on Windows, where
    /// `exit_code` holds the exception code of a crash (0xC0000005 for an access violation, 3 for abort()).
    pub signal: i32,
    /// How the child crashed, for a person ("signal 6 (SIGABRT)", "exception 0xC0000005 (access violation)").
    pub crash: Option<String>,
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
#[cfg(windows)]
const CODE_OTHER_CALL: i32 = 92;
const MARK: &str = "#mockmapi-exit ";
/// Windows: the file the child writes its journal to (set by the parent).
#[cfg(windows)]
pub const JOURNAL_ENV: &str = "MOCKMAPI_EXIT_JOURNAL";
/// Windows: the client style the child runs (set by the parent).
#[cfg(windows)]
const STYLE_ENV: &str = "MOCKMAPI_EXIT_STYLE";

/// How a child process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChildEnd {
    /// Its exit code (-1 when a signal ended it).
    pub exit_code: i32,
    /// The signal that ended it (POSIX), else 0.
    pub signal: i32,
    /// A crash, for a person: the signal or the Windows exception (None: it exited, or was killed at a timeout).
    pub crash: Option<String>,
}

impl ChildEnd {
    /// From a `waitpid` status.
    #[cfg(unix)]
    pub(crate) fn from_wait_status(status: i32) -> ChildEnd {
        if libc::WIFEXITED(status) {
            ChildEnd {
                exit_code: libc::WEXITSTATUS(status),
                signal: 0,
                crash: None,
            }
        } else if libc::WIFSIGNALED(status) {
            let signal = libc::WTERMSIG(status);
            ChildEnd {
                exit_code: -1,
                signal,
                crash: Some(signal_name(signal)),
            }
        } else {
            ChildEnd {
                exit_code: -1,
                signal: 0,
                crash: None,
            }
        }
    }

    /// From a Windows exit code: an NTSTATUS error or breakpoint is an unhandled exception, and 3 is what the C
    /// runtime's `abort()` exits with.
    #[cfg_attr(not(windows), allow(dead_code))]
    pub(crate) fn from_exit_code(code: u32) -> ChildEnd {
        let name = match code {
            3 => Some("abort() (exit code 3)".to_owned()),
            0x8000_0003 | 0xC000_0000..=0xCFFF_FFFF => Some(format!(
                "exception 0x{code:08X}{}",
                match code {
                    0xC000_0005 => " (access violation)",
                    0xC000_0409 => " (fail fast: abort() or a stack buffer overrun)",
                    0xC000_001D => " (illegal instruction)",
                    0xC000_0094 => " (integer division by zero)",
                    0xC000_00FD => " (stack overflow)",
                    0x8000_0003 => " (breakpoint)",
                    _ => "",
                }
            )),
            _ => None,
        };
        ChildEnd {
            exit_code: code as i32,
            signal: 0,
            crash: name,
        }
    }

    /// "exit code 1", "signal 6 (SIGABRT)", "exception 0xC0000005 (access violation)".
    #[cfg_attr(not(windows), allow(dead_code))]
    pub(crate) fn describe(&self) -> String {
        self.crash
            .clone()
            .unwrap_or_else(|| format!("exit code {}", self.exit_code))
    }
}

/// End this process at once: no destructors, no atexit handlers (and on Windows no DLL detach), as a real
/// client ends after DoFastShutdown.
pub(crate) fn exit_now(code: i32) -> ! {
    #[cfg(unix)]
    // SAFETY: ending the process.
    unsafe {
        libc::_exit(code)
    }
    #[cfg(windows)]
    // SAFETY: ending our own process.
    unsafe {
        use windows_sys::Win32::System::Threading::{GetCurrentProcess, TerminateProcess};
        TerminateProcess(GetCurrentProcess(), code as u32);
        // Not reached; TerminateProcess on the current process does not return.
        libc::abort()
    }
}

impl Runtime {
    /// Run an exit test (see the module documentation). `setup` runs in the child on a fresh runtime state;
    /// `verify` runs in the parent after the child ended.
    #[cfg(unix)]
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
        let (text, end, timed_out) = watch_child(pid, pipe, options.timeout)?;
        Ok(self.finish(text, end, timed_out, verify))
    }

    /// Windows: run the exit test in a child process that `command` starts. The child must reach the same
    /// `setup` and call [`Runtime::exit_test_child`] (the C API starts the test program again, choosing the call
    /// by an environment variable; `mockmapi check` starts itself with a hidden argument). Its journal comes back
    /// through a file named by `MOCKMAPI_EXIT_JOURNAL`; its whole process tree (a job object) is ended at the
    /// timeout, and once it ended. `verify` runs here, in the parent.
    #[cfg(windows)]
    pub fn exit_test_spawned(
        &self,
        mut command: std::process::Command,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
        options: ExitOptions,
    ) -> Result<ExitReport, String> {
        command.env(STYLE_ENV, (options.style as u32).to_string());
        let (text, end, timed_out) = spawn_and_watch(command, JOURNAL_ENV, options.timeout)?;
        if !text.lines().any(|l| l == format!("{MARK}started")) {
            return Err(format!(
                "the child process ended ({}) before it reached the exit test: on Windows the program is started \
                 again and must make the same mockmapi_exit_test calls in the same order each time it runs",
                end.describe()
            ));
        }
        if text.lines().any(|l| l == format!("{MARK}other-call")) {
            return Err(
                "the child process reached another exit test (another setup function) at this point: on Windows \
                 the program is started again and must make the same mockmapi_exit_test calls in the same order \
                 each time it runs"
                    .to_owned(),
            );
        }
        Ok(self.finish(text, end, timed_out, verify))
    }

    /// Windows, in the child `Runtime::exit_test_spawned` started: run the sequence, the journal going to the
    /// file the parent named, and end the process. `style` comes from the parent.
    #[cfg(windows)]
    pub fn exit_test_child(&self, setup: &mut dyn FnMut() -> HRESULT) -> ! {
        let style = std::env::var(STYLE_ENV)
            .ok()
            .and_then(|s| s.parse().ok())
            .and_then(ClientStyle::from_u32)
            .unwrap_or(ClientStyle::Documented);
        let fd = open_child_sink(JOURNAL_ENV).unwrap_or(-1);
        self.run_child(fd, setup, style)
    }

    /// Windows, in the child: the program reached a different exit test than the parent's (see
    /// `Runtime::exit_test_spawned`); tell the parent and end.
    #[cfg(windows)]
    pub fn exit_test_child_mismatch(&self) -> ! {
        if let Some(fd) = open_child_sink(JOURNAL_ENV) {
            write_all_fd(fd, format!("{MARK}started\n{MARK}other-call\n").as_bytes());
        }
        exit_now(CODE_OTHER_CALL)
    }

    /// The parent's side once the child ended: the report, `verify` if the child completed, the journal entry.
    fn finish(
        &self,
        text: String,
        end: ChildEnd,
        timed_out: bool,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
    ) -> ExitReport {
        let mut report = self.parse_child(text, end, timed_out);
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
        report
    }

    fn run_child(&self, fd: i32, setup: &mut dyn FnMut() -> HRESULT, style: ClientStyle) -> ! {
        self.abandon_state();
        let journal = &self.inner.journal;
        journal.set_mirror_fd(Some(fd));
        let mark = |what: &str, hr: HRESULT| {
            write_all_fd(fd, format!("{MARK}{what} 0x{:08X}\n", hr as u32).as_bytes())
        };
        write_all_fd(fd, format!("{MARK}started\n").as_bytes());
        let hr = setup();
        mark("setup", hr);
        if !succeeded(hr) {
            exit_now(CODE_SETUP_FAILED);
        }
        let hr = self.client_fast_shutdown(style);
        mark("shutdown", hr);
        exit_now(if self.is_exited() { 0 } else { CODE_NOT_FAST })
    }

    fn parse_child(&self, text: String, end: ChildEnd, timed_out: bool) -> ExitReport {
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
        let exit_code = end.exit_code;
        let outcome = if timed_out {
            ExitOutcome::TimedOut
        } else if end.crash.is_some() {
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
        ExitReport {
            outcome,
            exit_code,
            signal: end.signal,
            crash: if timed_out { None } else { end.crash },
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
/// Returns the text, how the child ended and whether the deadline passed.
#[cfg(unix)]
pub(crate) fn watch_child(
    pid: libc::pid_t,
    mut pipe: std::fs::File,
    timeout: Duration,
) -> Result<(String, ChildEnd, bool), String> {
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
        ChildEnd::from_wait_status(status),
        timed_out,
    ))
}

/// Windows: open the file the parent named in `var` for the child's stream, as a C runtime descriptor (what
/// the journal mirror writes to).
#[cfg(windows)]
pub(crate) fn open_child_sink(var: &str) -> Option<i32> {
    use std::os::windows::io::IntoRawHandle;
    let path = std::env::var_os(var)?;
    let file = std::fs::OpenOptions::new().append(true).open(path).ok()?;
    // SAFETY: the handle is ours; the C runtime descriptor owns it from here on.
    let fd = unsafe {
        libc::open_osfhandle(
            file.into_raw_handle() as libc::intptr_t,
            libc::O_APPEND | libc::O_BINARY,
        )
    };
    (fd >= 0).then_some(fd)
}

/// Windows: start `command` (its output discarded) with `var` naming a fresh file for its stream, in a job
/// object so that every process it starts goes with it; wait for it until `timeout`, then end the whole job.
/// Returns what it wrote, how it ended and whether the deadline passed. The file is read only once the child
/// ended, so a process that the provider started and that keeps it open cannot hold the parent.
#[cfg(windows)]
pub(crate) fn spawn_and_watch(
    mut command: std::process::Command,
    var: &str,
    timeout: Duration,
) -> Result<(String, ChildEnd, bool), String> {
    use std::os::windows::io::AsRawHandle;
    use std::sync::atomic::{AtomicU32, Ordering};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation,
        SetInformationJobObject, TerminateJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    };
    static SERIAL: AtomicU32 = AtomicU32::new(0);
    let path = std::env::temp_dir().join(format!(
        "mockmapi-child-{}-{}.txt",
        std::process::id(),
        SERIAL.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, b"").map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    command
        .env(var, &path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| {
        let _ = std::fs::remove_file(&path);
        format!("cannot start the child process: {e}")
    })?;
    // SAFETY: a job object of our own, closed below; the child's handle is valid while `child` lives.
    let job = unsafe {
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if !job.is_null() {
            let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
            info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
            SetInformationJobObject(
                job,
                JobObjectExtendedLimitInformation,
                std::ptr::addr_of!(info).cast(),
                std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            );
            AssignProcessToJobObject(job, child.as_raw_handle());
        }
        job
    };
    let deadline = started + timeout;
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if Instant::now() >= deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // Whatever the provider started goes with the child.
    // SAFETY: our own job object.
    unsafe {
        if !job.is_null() {
            TerminateJobObject(job, 1);
            windows_sys::Win32::Foundation::CloseHandle(job);
        }
    }
    let text = std::fs::read(&path).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    let code = status.and_then(|s| s.code()).unwrap_or(-1) as u32;
    let end = if timed_out {
        ChildEnd {
            exit_code: -1,
            signal: 0,
            crash: None,
        }
    } else {
        ChildEnd::from_exit_code(code)
    };
    Ok((String::from_utf8_lossy(&text).into_owned(), end, timed_out))
}

/// SIGKILL the child's process group and the child itself (if it was not moved to its own group in time).
#[cfg(unix)]
fn kill_group(pid: libc::pid_t) {
    // SAFETY: signals to our own child and its process group.
    unsafe {
        libc::kill(-pid, libc::SIGKILL);
        libc::kill(pid, libc::SIGKILL);
    }
}

/// The name of a signal that commonly ends a crashing or killed provider.
#[cfg(unix)]
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
        ExitOutcome::Crashed => {
            let how = r.crash.clone().unwrap_or_else(|| "a crash".to_owned());
            format!(
                "the child died of {how} during the sequence: {}",
                culprit(r, &format!("died of {how}"))
            )
        }
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
