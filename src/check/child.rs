//! `mockmapi check` runs the provider's code in a child process (POSIX `fork`; on Windows the program starts
//! itself again with the hidden argument [`CHILD_ARG`], see [`child_main`]), so that no provider can take the
//! checker down with it: an `abort`, a segfault, an entry point that never returns or a provider that ends the
//! process each become a failed check with the reason, and the report (text or JSON) is still complete.
//!
//! The child runs the checks and streams each step to the parent as one JSON object per line ([`Msg`]): the
//! stage it is entering, each finished check, and the end. The parent reads until the child ends or the time
//! limit passes (then the child's whole process group is killed), and turns a child that did not reach the end
//! into a failed check of the stage it was in.

#[cfg(unix)]
use std::os::fd::FromRawFd;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Check, CouldNotRun, Options, Report, Status};
use crate::runtime::journal::write_all_fd;
use crate::runtime::provider::ProviderKind;

/// One line of the child's stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "msg", rename_all = "snake_case")]
pub(super) enum Msg {
    /// The provider kind and entry point the checks use (`None`: the library exports none).
    Header {
        kind: Option<String>,
        entry: Option<String>,
    },
    /// The child starts running provider code for this check.
    Stage { name: String, rule: String },
    /// A finished check.
    Check {
        name: String,
        status: String,
        reason: String,
        rule: String,
    },
    /// The checks could not run at all (exit code 2).
    CouldNotRun { message: String },
    /// Every check ran.
    Done,
}

/// Write one message to the parent.
pub(super) fn send(fd: i32, msg: &Msg) {
    let mut line = serde_json::to_string(msg).expect("plain data");
    line.push('\n');
    write_all_fd(fd, line.as_bytes());
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Warn => "warning",
        Status::Fail => "fail",
    }
}

/// A check as its message.
pub(super) fn check_msg(c: &Check) -> Msg {
    Msg::Check {
        name: c.name.clone(),
        status: status_label(c.status).to_owned(),
        reason: c.reason.clone(),
        rule: c.rule.id.to_owned(),
    }
}

fn rule_of(id: &str) -> &'static crate::rules::Rule {
    crate::rules::find(id)
        .unwrap_or_else(|| crate::rules::find(crate::rules::PROVIDER_ENTRY).expect("defined"))
}

/// The child's side: run the checks, streaming to `fd`, and end the process.
fn run_child(opts: &Options, fd: i32) -> ! {
    let result = crate::com::boundary::catch(|| super::check_in_process(opts, Some(fd)));
    match result {
        Ok(Ok(_)) => send(fd, &Msg::Done),
        Ok(Err(e)) => send(fd, &Msg::CouldNotRun { message: e.0 }),
        Err(panic) => send(
            fd,
            &Msg::CouldNotRun {
                message: format!("internal error (please report): {panic}"),
            },
        ),
    }
    // The child ends here, without destructors, atexit handlers or the provider's DLL detach.
    crate::runtime::exit_test::exit_now(0)
}

/// The hidden first argument with which `mockmapi` starts itself on Windows to run the checks
/// ([`child_main`]); the next argument is the options as JSON.
pub const CHILD_ARG: &str = "__mockmapi-check-child";
/// The hidden first argument with which the checking process starts `mockmapi` again on Windows for the exit
/// test ([`child_main`]).
pub const EXIT_CHILD_ARG: &str = "__mockmapi-exit-child";
#[cfg(windows)]
const SINK_ENV: &str = "MOCKMAPI_CHECK_STREAM";

/// The options a child needs, as they travel on its command line.
#[cfg(windows)]
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ChildOptions {
    library: std::path::PathBuf,
    kind: Option<String>,
    call_budget_ms: u64,
    exit_test: bool,
    timeout_ms: u64,
    entry: Option<String>,
}

#[cfg(windows)]
impl ChildOptions {
    fn of(opts: &Options) -> ChildOptions {
        ChildOptions {
            library: opts.library.clone(),
            kind: opts.kind.map(|k| k.label().to_owned()),
            call_budget_ms: opts.call_budget.as_millis() as u64,
            exit_test: opts.exit_test,
            timeout_ms: opts.timeout.as_millis() as u64,
            entry: None,
        }
    }

    fn options(&self) -> Options {
        let mut o = Options::new(&self.library);
        o.kind = self.kind.as_deref().and_then(ProviderKind::from_label);
        o.call_budget = Duration::from_millis(self.call_budget_ms);
        o.exit_test = self.exit_test;
        o.timeout = Duration::from_millis(self.timeout_ms);
        o
    }
}

/// The program that runs `mockmapi check` must call this first with its arguments (the `mockmapi` command
/// does): on Windows, where the checks run in a child process started from the same program with a hidden
/// argument, it runs the child's part and never returns. Returns at once for any other arguments.
pub fn child_main(args: &[std::ffi::OsString]) {
    #[cfg(windows)]
    if let (Some(first), Some(json)) = (args.get(1), args.get(2)) {
        let Ok(child) = serde_json::from_str::<ChildOptions>(&json.to_string_lossy()) else {
            return;
        };
        if first == CHILD_ARG {
            let fd = crate::runtime::exit_test::open_child_sink(SINK_ENV).unwrap_or(-1);
            run_child(&child.options(), fd)
        } else if first == EXIT_CHILD_ARG {
            super::exit_child(&child.options(), child.entry.as_deref().unwrap_or(""))
        }
    }
    #[cfg(not(windows))]
    let _ = args;
}

/// Windows: the command that starts this program again as the exit test's child for `entry` of `opts`.
#[cfg(windows)]
pub(super) fn exit_child_command(
    opts: &Options,
    kind: ProviderKind,
    entry: &str,
) -> Result<std::process::Command, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut child = ChildOptions::of(opts);
    child.kind = Some(kind.label().to_owned());
    child.entry = Some(entry.to_owned());
    let mut cmd = std::process::Command::new(exe);
    cmd.arg(EXIT_CHILD_ARG)
        .arg(serde_json::to_string(&child).expect("plain data"));
    Ok(cmd)
}

/// Windows: run the checks in a child process (this program, started again with [`CHILD_ARG`]) and collect
/// its report.
#[cfg(windows)]
pub(super) fn run(opts: &Options) -> Result<Report, CouldNotRun> {
    let exe = std::env::current_exe().map_err(|e| {
        CouldNotRun(format!(
            "cannot find this program to start the checking process: {e}"
        ))
    })?;
    let mut cmd = std::process::Command::new(exe);
    cmd.arg(CHILD_ARG)
        .arg(serde_json::to_string(&ChildOptions::of(opts)).expect("plain data"));
    let (text, end, timed_out) =
        crate::runtime::exit_test::spawn_and_watch(cmd, SINK_ENV, opts.timeout)
            .map_err(CouldNotRun)?;
    collect(opts, &text, &end, timed_out)
}

/// Run the checks in a child process and collect its report.
#[cfg(unix)]
pub(super) fn run(opts: &Options) -> Result<Report, CouldNotRun> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(CouldNotRun(format!(
            "cannot create a pipe to the checking process: {}",
            std::io::Error::last_os_error()
        )));
    }
    let (read_fd, write_fd) = (fds[0], fds[1]);
    // SAFETY: fork; the child only runs the checks and ends with _exit.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        // SAFETY: closing the descriptors we just created.
        unsafe {
            libc::close(read_fd);
            libc::close(write_fd);
        }
        return Err(CouldNotRun(format!(
            "cannot start the checking process: {}",
            std::io::Error::last_os_error()
        )));
    }
    if pid == 0 {
        // SAFETY: child side: its own process group, the read end closed.
        unsafe {
            libc::setpgid(0, 0);
            libc::close(read_fd);
        }
        run_child(opts, write_fd)
    }
    // SAFETY: parent side: the same process group change (whichever runs first wins), the write end closed.
    unsafe {
        libc::setpgid(pid, pid);
        libc::close(write_fd);
    }
    // SAFETY: we own read_fd from here on.
    let pipe = unsafe { std::fs::File::from_raw_fd(read_fd) };
    let (text, end, timed_out) =
        crate::runtime::exit_test::watch_child(pid, pipe, opts.timeout).map_err(CouldNotRun)?;
    collect(opts, &text, &end, timed_out)
}

/// The report the child's stream describes; a child that did not reach the end fails the stage it was in.
fn collect(
    opts: &Options,
    text: &str,
    end: &crate::runtime::exit_test::ChildEnd,
    timed_out: bool,
) -> Result<Report, CouldNotRun> {
    let mut report = Report {
        library: opts.library.clone(),
        kind: None,
        entry: None,
        checks: Vec::new(),
    };
    let mut stage: Option<(String, String)> = None;
    let mut done = false;
    for line in text.lines() {
        let Ok(msg) = serde_json::from_str::<Msg>(line) else {
            continue;
        };
        match msg {
            Msg::Header { kind, entry } => {
                report.kind = kind.as_deref().and_then(ProviderKind::from_label);
                report.entry = entry;
            }
            Msg::Stage { name, rule } => stage = Some((name, rule)),
            Msg::Check {
                name,
                status,
                reason,
                rule,
            } => report.checks.push(Check {
                name,
                status: match status.as_str() {
                    "pass" => Status::Pass,
                    "warning" => Status::Warn,
                    _ => Status::Fail,
                },
                reason,
                rule: rule_of(&rule),
            }),
            Msg::CouldNotRun { message } => return Err(CouldNotRun(message)),
            Msg::Done => done = true,
        }
    }
    if done && !timed_out {
        return Ok(report);
    }
    let (name, rule) = stage.unwrap_or_else(|| {
        (
            "provider code".to_owned(),
            crate::rules::PROVIDER_ENTRY.to_owned(),
        )
    });
    let how = if timed_out {
        format!(
            "did not return within {} (--timeout-ms): the checking process was killed. A provider call that never \
             returns hangs the client's shutdown",
            format_limit(opts.timeout)
        )
    } else if let Some(crash) = &end.crash {
        format!("the provider's code crashed the checking process with {crash}")
    } else {
        format!(
            "the provider's code ended the checking process (exit code {}) before the check finished",
            end.exit_code
        )
    };
    report.checks.push(Check {
        name: name.clone(),
        status: Status::Fail,
        reason: format!("{how} during \"{name}\"; the remaining checks did not run"),
        rule: rule_of(&rule),
    });
    Ok(report)
}

fn format_limit(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}
