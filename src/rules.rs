//! The rules mockmapi enforces or `mockmapi check` cites, each with one stable identifier.
//!
//! Every identifier is defined in `RULES.md` (shipped with the project); violation messages end with
//! `[rule <id>]`, `mockmapi check` names the id of each check, and the tests of a rule carry its id in their
//! names (`MM-FS-EXITED` → `test_MM_FS_EXITED_...`), which RULES.md lists under "Tests of each rule".
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
    use std::path::{Path, PathBuf};

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// The source files of the project (`src/`, `tests/`, `c-tests/`), recursively, sorted.
    fn sources() -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("rs" | "c" | "cpp" | "h" | "hpp")
                ) {
                    out.push(p);
                }
            }
        }
        let mut out = Vec::new();
        for d in ["src", "tests", "c-tests"] {
            walk(&root().join(d), &mut out);
        }
        out.sort();
        out
    }

    /// The rule identifiers a text cites (`MM-` then capitals and dashes).
    fn cited(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("MM-") {
            let tail = &rest[at..];
            let len = tail
                .char_indices()
                .skip(3)
                .find(|(_, c)| !(c.is_ascii_uppercase() || *c == '-'))
                .map_or(tail.len(), |(i, _)| i);
            let id = tail[..len].trim_end_matches('-');
            if id.len() > 3 {
                out.push(id.to_owned());
            }
            rest = &tail[len.max(3)..];
        }
        out
    }

    /// The rule a test name carries: `test_MM_FS_EXITED_x` → `MM-FS-EXITED` (the longest id that fits).
    fn rule_of_test(name: &str) -> Option<&'static Rule> {
        let rest = name.strip_prefix("test_")?;
        ALL.iter()
            .filter(|r| rest.starts_with(&format!("{}_", r.id.replace('-', "_"))))
            .max_by_key(|r| r.id.len())
    }

    /// Every test named after a rule: (rule id, file relative to the root, test name), in file order.
    fn rule_tests() -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        for path in sources() {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let rel = path
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (i, _) in text.match_indices("test_MM_") {
                let before = text[..i].trim_end();
                if !(before.ends_with("fn") || before.ends_with("void")) {
                    continue;
                }
                let name: String = text[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let rule = rule_of_test(&name)
                    .unwrap_or_else(|| panic!("{rel}: {name} names no rule defined in RULES.md"));
                out.push((rule.id, rel.clone(), name));
            }
        }
        out
    }

    const TESTS_HEADING: &str = "## Tests of each rule";

    /// The "Tests of each rule" section of RULES.md, generated from the test names.
    fn tests_section() -> String {
        let tests = rule_tests();
        let mut out = format!(
            "{TESTS_HEADING}\n\nGenerated from the names of the tests (`test_<id>_...`, the id's dashes written as \
             underscores) by\n`src/rules.rs`, which fails when this list and the tests differ \
             (`MOCKMAPI_UPDATE_DOCS=1 cargo test --lib rules`\nrewrites it). C test programs live in `c-tests/` and \
             run under `cargo test --test c_suite`.\n\n| id | tests |\n|---|---|\n"
        );
        for r in ALL {
            let mut cells: Vec<String> = Vec::new();
            let mut last_file = String::new();
            for (_, file, name) in tests.iter().filter(|(id, _, _)| *id == r.id) {
                if *file != last_file {
                    cells.push(format!("`{file}`:"));
                    last_file = file.clone();
                }
                cells.push(format!("`{name}`"));
            }
            out.push_str(&format!("| `{}` | {} |\n", r.id, cells.join(" ")));
        }
        out
    }

    /// Every rule has tests named after it, and RULES.md lists them; every id cited anywhere in the sources is
    /// defined, and every id RULES.md defines is a rule here.
    #[test]
    fn every_rule_is_tested_under_its_id_and_every_cited_id_is_defined() {
        let path = root().join("RULES.md");
        let doc = std::fs::read_to_string(&path).expect("RULES.md ships with the project");
        // Defined in RULES.md ⇔ a rule here.
        let definitions = &doc[..doc.find(TESTS_HEADING).unwrap_or(doc.len())];
        let mut defined = 0;
        for line in definitions.lines().filter(|l| l.starts_with("| `MM-")) {
            let id = line[3..].split('`').next().unwrap();
            assert!(
                find(id).is_some(),
                "RULES.md defines {id}, which src/rules.rs does not know"
            );
            defined += 1;
        }
        assert_eq!(defined, ALL.len(), "RULES.md defines each rule once");
        // Cited in the sources ⇒ defined.
        for p in sources() {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            for id in cited(&text) {
                assert!(
                    find(&id).is_some(),
                    "{} cites {id}, which RULES.md does not define",
                    p.display()
                );
            }
        }
        for id in cited(&doc) {
            assert!(
                find(&id).is_some(),
                "RULES.md cites {id}, which it does not define"
            );
        }
        // Every rule has at least one test named after it.
        let tests = rule_tests();
        for r in ALL {
            assert!(
                tests.iter().any(|(id, _, _)| *id == r.id),
                "no test is named after rule {} (test_{}_...)",
                r.id,
                r.id.replace('-', "_")
            );
        }
        // RULES.md lists them.
        let want = tests_section();
        let at = doc.find(TESTS_HEADING);
        let have = at.map(|at| {
            let rest = &doc[at..];
            let end = rest[TESTS_HEADING.len()..]
                .find("\n## ")
                .map_or(rest.len(), |e| e + TESTS_HEADING.len() + 1);
            &rest[..end]
        });
        if have != Some(want.as_str()) {
            if std::env::var_os("MOCKMAPI_UPDATE_DOCS").is_some() {
                let new = match (at, have) {
                    (Some(at), Some(h)) => format!("{}{want}{}", &doc[..at], &doc[at + h.len()..]),
                    _ => format!("{}\n{want}", doc.trim_end_matches('\n').to_owned() + "\n"),
                };
                std::fs::write(&path, new).expect("write RULES.md");
            } else {
                panic!(
                    "RULES.md's \"Tests of each rule\" differs from the tests' names; regenerate it with \
                     MOCKMAPI_UPDATE_DOCS=1 cargo test --lib rules. Expected:\n{want}"
                );
            }
        }
    }

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
