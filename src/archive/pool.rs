//! A few connections to one archive, shared by the threads that check articles. One connection
//! behind a mutex made every check against an archive wait for the others' queries (2.8–3×
//! slower on many articles); each thread now takes an idle connection, or opens one while
//! fewer than the pool's size are open, and gives it back when its query is done.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::{ArchiveError, Location, Store, open};

/// Connections opened at most: enough for the threads checking articles on a laptop or a CI
/// runner, few enough for a shared PostgreSQL server with many clients.
pub(crate) const POOL_SIZE: usize = 4;

pub struct Pool {
    location: Location,
    size: usize,
    state: Mutex<State>,
    returned: Condvar,
}

struct State {
    idle: Vec<Box<dyn Store>>,
    open: usize,
}

impl Pool {
    /// Opens the first connection now, so that an archive that cannot be opened is an error
    /// before any article is read.
    pub fn open(location: Location, size: usize) -> Result<Pool, ArchiveError> {
        let first = open(&location, false)?;
        Ok(Pool {
            location,
            size: size.max(1),
            state: Mutex::new(State {
                idle: vec![first],
                open: 1,
            }),
            returned: Condvar::new(),
        })
    }

    /// Runs `query` on a connection of the pool, waiting for one when all are busy.
    pub fn with<T>(
        &self,
        query: impl FnOnce(&mut dyn Store) -> Result<T, ArchiveError>,
    ) -> Result<T, ArchiveError> {
        let mut lent = self.take()?;
        let result = match lent.store.as_mut() {
            Some(store) => query(&mut **store),
            None => Err(ArchiveError::new(
                &self.location,
                "no connection to the archive",
            )),
        };
        if result.is_err() {
            // A connection that failed may be broken: the next query opens a fresh one.
            lent.store = None;
        }
        result
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take(&self) -> Result<Lent<'_>, ArchiveError> {
        let mut state = self.lock();
        loop {
            if let Some(store) = state.idle.pop() {
                return Ok(Lent {
                    pool: self,
                    store: Some(store),
                });
            }
            if state.open < self.size {
                state.open += 1;
                drop(state);
                return match open(&self.location, false) {
                    Ok(store) => Ok(Lent {
                        pool: self,
                        store: Some(store),
                    }),
                    Err(err) => {
                        self.lock().open -= 1;
                        self.returned.notify_one();
                        Err(err)
                    }
                };
            }
            state = self
                .returned
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// A connection out of the pool; it goes back when dropped, even if the query panicked. One
/// that was dropped as broken (`store: None`) frees its place for a new one.
struct Lent<'a> {
    pool: &'a Pool,
    store: Option<Box<dyn Store>>,
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        let mut state = self.pool.lock();
        match self.store.take() {
            Some(store) => state.idle.push(store),
            None => state.open -= 1,
        }
        drop(state);
        self.pool.returned.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn threads_share_a_few_connections_and_a_failed_one_is_replaced() {
        let dir = std::env::temp_dir().join(format!("fairlint-pool-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let location = Location::Sqlite(dir.join("archive.db"));
        drop(open(&location, true).unwrap());
        let pool = Pool::open(location, 2).unwrap();
        let busy = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    pool.with(|store| {
                        let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        busy.fetch_sub(1, Ordering::SeqCst);
                        store.stats()
                    })
                    .unwrap();
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2, "two connections, both used");
        assert!(pool.lock().open <= 2);
        let failed: Result<(), _> = pool.with(|_| Err(ArchiveError::new(&pool.location, "broken")));
        assert!(failed.is_err());
        assert!(pool.with(|store| store.stats()).is_ok());
        assert!(pool.lock().open <= 2);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
