//! A dedicated thread that runs keychain calls one at a time, with a deadline for each.
//!
//! Why a thread of its own:
//! - a keychain call can block for a long time or forever (a Secret Service that is being
//!   activated, a D-Bus peer that never answers, an OS dialog waiting for the user); the caller
//!   gets [`RunError::Timeout`] instead of hanging, and the call finishes or stays stuck on this
//!   thread, never on the caller's;
//! - the Secret Service client drives its own single-threaded tokio runtime (zbus with the
//!   `tokio` feature), which panics when entered from inside another runtime: calls from the
//!   app's async commands would do exactly that;
//! - calls on one D-Bus connection are serialised, as the keyring crate recommends.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Why a job gave no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunError {
    /// No result within the deadline; the job may still finish later.
    Timeout,
    /// The job panicked (the worker survives it).
    Panicked,
    /// The worker thread could not be started or is gone.
    WorkerGone,
}

/// Handle to the worker thread. Dropping it lets the thread end once its queue is empty (a job
/// stuck forever keeps its thread, and nothing else, alive).
#[derive(Debug)]
pub(crate) struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    pub(crate) fn spawn(name: &str) -> Result<Self, std::io::Error> {
        let (jobs, queue) = mpsc::channel::<Job>();
        thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })?;
        Ok(Self { jobs })
    }

    /// Run `f` on the worker and wait at most `timeout` (counted from now, queueing included).
    pub(crate) fn run<T, F>(&self, timeout: Duration, f: F) -> Result<T, RunError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (reply, result) = mpsc::sync_channel::<Result<T, RunError>>(1);
        let job: Job = Box::new(move || {
            let outcome = catch_unwind(AssertUnwindSafe(f)).map_err(|_| RunError::Panicked);
            // The caller may have given up waiting; then nobody needs the result.
            let _ = reply.send(outcome);
        });
        self.jobs.send(job).map_err(|_| RunError::WorkerGone)?;
        match result.recv_timeout(timeout) {
            Ok(outcome) => outcome,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(RunError::Timeout),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(RunError::WorkerGone),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn result_is_returned() {
        let worker = Worker::spawn("test-worker").unwrap();
        assert_eq!(worker.run(Duration::from_secs(60), || 6 * 7), Ok(42));
    }

    #[test]
    fn a_blocked_job_times_out_and_the_worker_recovers_when_it_ends() {
        let worker = Worker::spawn("test-worker").unwrap();
        let (release, blocked) = mpsc::channel::<()>();
        let started = Instant::now();
        // Blocks until released below: the deadline must fire first, whatever the machine load.
        let outcome = worker.run(Duration::from_millis(200), move || blocked.recv().is_ok());
        assert_eq!(
            outcome,
            Err(RunError::Timeout),
            "rule: a keychain call that never answers gives a timeout, not a hang"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "rule: the timeout is bounded (took {:?})",
            started.elapsed()
        );
        release.send(()).unwrap();
        assert_eq!(
            worker.run(Duration::from_secs(60), || "after"),
            Ok("after"),
            "rule: once the stuck call ends, the worker serves the next one"
        );
    }

    #[test]
    fn a_panicking_job_is_an_error_and_the_worker_survives() {
        let worker = Worker::spawn("test-worker").unwrap();
        let outcome: Result<(), RunError> =
            worker.run(Duration::from_secs(60), || panic!("keychain library bug"));
        assert_eq!(
            outcome,
            Err(RunError::Panicked),
            "rule: a panic in a keychain call is an error"
        );
        assert_eq!(
            worker.run(Duration::from_secs(60), || 1),
            Ok(1),
            "rule: worker survives"
        );
    }

    #[test]
    fn jobs_run_in_order_one_at_a_time() {
        let worker = Worker::spawn("test-worker").unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        for i in 0..5 {
            let log = log.clone();
            worker
                .run(Duration::from_secs(60), move || log.lock().unwrap().push(i))
                .unwrap();
        }
        assert_eq!(
            *log.lock().unwrap(),
            vec![0, 1, 2, 3, 4],
            "rule: calls are serialised"
        );
    }
}
