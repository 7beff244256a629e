//! Random sequences of C-API calls against a small model of SPEC's rules (`fuzz/sequence.rs`, shared with the
//! `api_sequence` fuzz target): a bounded number on every `cargo test`, from a fixed seed so a failure repeats.
//! `MOCKMAPI_SEQUENCES=<n>` runs more; `MOCKMAPI_SEQUENCE_SEED=<n>` another seed. Each sequence runs under a
//! watchdog: a deadlock fails the test instead of hanging it.

#[path = "../fuzz/sequence.rs"]
mod sequence;

use std::time::Duration;

/// xorshift64*: a fixed, dependency-free stream of bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_call_sequences_agree_with_the_model() {
    let count = env_number("MOCKMAPI_SEQUENCES", 300);
    let mut rng = Rng(env_number("MOCKMAPI_SEQUENCE_SEED", 0x6D6F_636B_6D61_7069) | 1);
    let inputs: Vec<Vec<u8>> = (0..count)
        .map(|_| {
            let len = 8 + (rng.next() % 160) as usize;
            (0..len).map(|_| rng.next() as u8).collect()
        })
        .collect();
    let (done, finished) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        for input in &inputs {
            sequence::run(input);
        }
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => worker.join().unwrap(),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            // The worker panicked: show its message.
            if let Err(e) = worker.join() {
                std::panic::resume_unwind(e);
            }
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!(
                "a call sequence did not finish within 120 s: a deadlock or a hang in the runtime"
            )
        }
    }
}
