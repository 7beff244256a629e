//! The exit test on Windows, which has no `fork`: the child is this program run again (see the
//! documentation of [`exit_test`](super::exit_test)). The parent numbers its exit tests; the child, started
//! with `MOCKMAPI_EXIT_TEST_CHILD=<number>;<folder>`, answers the exit tests before its own with the parent's
//! results (replayed from the folder), runs its own, and ends with `TerminateProcess`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use crate::com::HRESULT;

use super::exit_test::{windows_crash_signal, ChildEnd, ExitOptions, ExitReport};
use super::Runtime;

/// Set in the child: which exit test of the run it is (1 = the first) and the folder it shares with the parent.
pub const CHILD_ENV: &str = "MOCKMAPI_EXIT_TEST_CHILD";

/// Exit tests this process started so far (the child counts the same way to find its own).
static CALLS: AtomicU32 = AtomicU32::new(0);
/// This process's exit test results, in order: what its next child replays before reaching its own.
static RESULTS: Mutex<Vec<Result<ExitReport, String>>> = Mutex::new(Vec::new());

const REPLAY_FILE: &str = "replay.json";
const JOURNAL_FILE: &str = "journal.txt";

impl Runtime {
    pub(super) fn exit_test_rerun(
        &self,
        setup: &mut dyn FnMut() -> HRESULT,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
        options: ExitOptions,
    ) -> Result<ExitReport, String> {
        let index = CALLS.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(value) = std::env::var_os(CHILD_ENV) {
            let value = value
                .into_string()
                .map_err(|v| format!("{CHILD_ENV}={v:?} is not Unicode"))?;
            let (wanted, folder) = value
                .split_once(';')
                .and_then(|(n, f)| Some((n.parse::<u32>().ok()?, PathBuf::from(f))))
                .ok_or_else(|| format!("{CHILD_ENV}={value} is not <number>;<folder>"))?;
            if index == wanted {
                self.be_child(&folder, setup, options);
            }
            if index < wanted {
                return replay(&folder, index);
            }
            return Err(format!(
                "exit test #{index} ran in the child process of exit test #{wanted}"
            ));
        }
        let result = self.spawn_child(index, verify, options);
        RESULTS.lock().push(result.clone());
        result
    }

    fn spawn_child(
        &self,
        index: u32,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
        options: ExitOptions,
    ) -> Result<ExitReport, String> {
        let folder =
            std::env::temp_dir().join(format!("mockmapi-exit-{}-{index}", std::process::id()));
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        let outcome = self.run_in(&folder, index, verify, options);
        let _ = std::fs::remove_dir_all(&folder);
        outcome
    }

    fn run_in(
        &self,
        folder: &Path,
        index: u32,
        verify: Option<&mut dyn FnMut() -> HRESULT>,
        options: ExitOptions,
    ) -> Result<ExitReport, String> {
        let replay = serde_json::to_vec(&*RESULTS.lock()).map_err(|e| e.to_string())?;
        let replay_path = folder.join(REPLAY_FILE);
        std::fs::write(&replay_path, replay)
            .map_err(|e| format!("cannot write {}: {e}", replay_path.display()))?;
        let exe = std::env::current_exe()
            .map_err(|e| format!("cannot find this program to run it again: {e}"))?;
        let mut child = Command::new(&exe)
            .args(std::env::args_os().skip(1))
            .env(CHILD_ENV, format!("{index};{}", folder.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot run {} again as the exit test's child: {e}",
                    exe.display()
                )
            })?;
        let started = Instant::now();
        let end = loop {
            match child.try_wait() {
                Ok(Some(status)) => break classify(status.code().unwrap_or(-1) as u32),
                Ok(None) => {}
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("waiting for the child failed: {e}"));
                }
            }
            if started.elapsed() > options.timeout {
                // TerminateProcess, as a real process that hangs is ended.
                let _ = child.kill();
                let _ = child.wait();
                break ChildEnd::TimedOut { signal: 0 };
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let text = std::fs::read(folder.join(JOURNAL_FILE))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        Ok(self.conclude(text, end, verify))
    }

    /// The child: stream the journal to the shared folder, run the sequence, end at once.
    fn be_child(
        &self,
        folder: &Path,
        setup: &mut dyn FnMut() -> HRESULT,
        options: ExitOptions,
    ) -> ! {
        use std::os::windows::io::IntoRawHandle;
        use windows_sys::Win32::System::Diagnostics::Debug::{
            SetErrorMode, SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX,
        };
        use windows_sys::Win32::System::Threading::{GetCurrentProcess, TerminateProcess};
        let fd = match std::fs::File::create(folder.join(JOURNAL_FILE)) {
            // SAFETY: the handle is ours (into_raw_handle); the C runtime descriptor takes it over.
            Ok(f) => unsafe {
                libc::open_osfhandle(
                    f.into_raw_handle() as libc::intptr_t,
                    libc::O_WRONLY | libc::O_BINARY,
                )
            },
            Err(_) => -1,
        };
        // SAFETY: plain Win32 calls on this process. A crash in the child is the parent's to report: no error
        // dialog. TerminateProcess ends the process at once, like `_exit` on POSIX: no DLL detach notification,
        // no atexit handler, no destructor runs.
        unsafe {
            SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
            let code = self.child_sequence(fd, setup, options.style);
            TerminateProcess(GetCurrentProcess(), code as u32);
        }
        unreachable!("TerminateProcess on the current process returned")
    }
}

/// How a Windows process ended, from its exit code.
fn classify(code: u32) -> ChildEnd {
    match windows_crash_signal(code) {
        Some(signal) => ChildEnd::Crashed {
            signal,
            code: code as i32,
        },
        None => ChildEnd::Exited(code as i32),
    }
}

/// The parent's result of exit test `index`, in the child.
fn replay(folder: &Path, index: u32) -> Result<ExitReport, String> {
    let path = folder.join(REPLAY_FILE);
    let text = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let results: Vec<Result<ExitReport, String>> =
        serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    results.get(index as usize - 1).cloned().unwrap_or_else(|| {
        Err(format!(
            "the parent's result of exit test #{index} is missing"
        ))
    })
}
