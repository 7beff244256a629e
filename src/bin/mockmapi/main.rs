//! `mockmapi`: check a MAPI provider library the way Outlook loads it, and see fast shutdown happen.
//!
//! Exit codes: 0 ready (or the command succeeded), 1 not ready (a check failed, or a scenario did not match),
//! 2 could not run (missing library, bad configuration, bad arguments).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use mockmapi::check::{check_library, Options};
use mockmapi::runtime::ProviderKind;

mod demo;
mod report;
mod scenario;
mod scenario_file;
mod table;

#[derive(Parser)]
#[command(
    name = "mockmapi",
    version,
    about = "A mock of the MAPI subsystem: check that a provider survives Outlook's fast shutdown",
    long_about = "mockmapi emulates Outlook's MAPI subsystem and its fast shutdown protocol \
(IMAPIClientShutdown::QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, fanned out to every provider's \
IMAPIProviderShutdown), journals every call, and detects protocol violations.\n\n\
Start with `mockmapi check path/to/libyourprovider.so`.",
    after_help = "Exit codes: 0 ready / succeeded, 1 not ready / mismatch, 2 could not run."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run fast shutdown and normal shutdown over the reference providers under each policy value, on the
    /// shipped configuration, and print the journal. Needs no arguments and no setup.
    Demo {
        /// Keep the reference provider libraries (and the store's file) in this folder instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// Also print every journal in full (one table per policy value, wider than 100 columns).
        #[arg(long)]
        wide: bool,
    },
    /// Replay a scenario file: a profile, a policy, the client's calls, and the provider calls expected.
    ///
    /// Prints the journal, then PASS, or each mismatch with a diff of expected versus observed calls.
    /// The format is documented in the README and in `config/examples/scenario.yaml`.
    Run {
        /// The scenario file (YAML).
        scenario: PathBuf,
        /// Print the journal's long columns whole instead of fitting it in 100 columns.
        #[arg(long)]
        wide: bool,
        /// Also write the journal as JSON Lines to this file, for `mockmapi report` (default: the file
        /// MOCKMAPI_JOURNAL names, when it is set).
        #[arg(long, value_name = "FILE")]
        journal: Option<PathBuf>,
    },
    /// Draw a journal (the JSON Lines file MOCKMAPI_JOURNAL writes) as a picture: a sequence diagram of every
    /// call between the client, the sessions and each provider, with results, durations, violations and
    /// diagnostics, and a timeline of provider call durations against the budget.
    ///
    /// The output's extension picks the format: `.html` (the picture and a table of events) or `.svg`.
    Report {
        /// The journal (JSON Lines).
        journal: PathBuf,
        /// The file to write: report.html or report.svg.
        #[arg(short, long)]
        output: PathBuf,
        /// The provider call budget the timeline marks, in milliseconds.
        #[arg(long, default_value_t = 1000)]
        budget_ms: u64,
    },
    /// Load a provider library as Outlook would and run the conformance checks.
    ///
    /// Checks: the entry point and its SPI version, a new object per init, the IUnknown rules,
    /// IMAPIProviderShutdown, the documented return values, the behaviour under policies 0/1/2, the normal
    /// path (Shutdown, Release) and the time spent in each call. Each check prints pass / warning / FAIL with
    /// the reason and the rule; the verdict says whether the provider is ready for fast shutdown.
    Check {
        /// The provider's shared library (.so, .dylib, .dll).
        library: PathBuf,
        /// The provider's kind; by default the first standard entry point the library exports decides.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A provider call slower than this many milliseconds is a warning.
        #[arg(long, default_value_t = 1000)]
        budget_ms: u64,
        /// Also run the exit test: fast shutdown in a child that exits at once after DoFastShutdown, then the
        /// library's `HRESULT mockmapi_exit_verify(void)` checks the data survived
        /// (`mockmapi_exit_prepare`, if exported, runs first).
        #[arg(long)]
        exit_test: bool,
        /// Print long lines whole instead of wrapping the text at 100 columns.
        #[arg(long)]
        wide: bool,
        /// How long the provider's code may run in all, in milliseconds; then the checking process is killed
        /// and the check it was in fails (the provider runs in a child process).
        #[arg(long, default_value_t = 60000)]
        timeout_ms: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Transport,
    AddressBook,
    Store,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    // Like other command-line tools, end quietly when the reader of the output goes away (`| head`).
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // On Windows `check` runs the provider's code in this program started again with a hidden argument.
    mockmapi::check::child_main(&std::env::args_os().collect::<Vec<_>>());
    let cli = Cli::parse();
    match cli.command {
        Command::Demo { keep, wide } => outcome("mockmapi demo", demo::run(keep, wide)),
        Command::Run {
            scenario,
            wide,
            journal,
        } => {
            let journal = journal.or_else(|| {
                std::env::var_os("MOCKMAPI_JOURNAL")
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from)
            });
            outcome(
                "mockmapi run",
                scenario::run(&scenario, wide, journal.as_deref()),
            )
        }
        Command::Report {
            journal,
            output,
            budget_ms,
        } => outcome(
            "mockmapi report",
            report::run(
                &journal,
                &output,
                std::time::Duration::from_millis(budget_ms),
            ),
        ),
        Command::Check {
            library,
            kind,
            format,
            budget_ms,
            exit_test,
            wide,
            timeout_ms,
        } => {
            let mut opts = Options::new(library);
            opts.kind = kind.map(|k| match k {
                Kind::Transport => ProviderKind::Transport,
                Kind::AddressBook => ProviderKind::AddressBook,
                Kind::Store => ProviderKind::Store,
            });
            opts.call_budget = std::time::Duration::from_millis(budget_ms);
            opts.exit_test = exit_test;
            opts.timeout = std::time::Duration::from_millis(timeout_ms);
            match check_library(&opts) {
                Ok(report) => {
                    match format {
                        Format::Text if wide => print!("{}", report.to_text()),
                        Format::Text => print!("{}", table::wrap(&report.to_text(), table::WIDTH)),
                        Format::Json => println!(
                            "{}",
                            serde_json::to_string_pretty(&report.to_json()).expect("JSON")
                        ),
                    }
                    if report.ready() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => {
                    if format == Format::Json {
                        println!(
                            "{}",
                            serde_json::json!({ "verdict": "could not run", "error": e.0 })
                        );
                    }
                    eprintln!("mockmapi check: {}", e.0);
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// Exit code of a command that passes (`Ok(true)`), does not pass (`Ok(false)`) or cannot run (`Err`).
fn outcome(command: &str, result: Result<bool, String>) -> ExitCode {
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("{command}: {e}");
            ExitCode::from(2)
        }
    }
}
