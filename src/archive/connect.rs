//! Opening a connection to a PostgreSQL archive without ever waiting forever. `check` and the
//! language server open the archive before anything else: a server that accepts the TCP
//! connection and then says nothing (a half-dead host, a wrong port behind a proxy) must give an
//! error naming the archive, not a hung editor.
//!
//! The driver's `connect_timeout` bounds only the TCP connect, not the startup and
//! authentication that follow, so the whole connect runs on a helper thread that is waited for
//! until the deadline; after it, the thread is abandoned (it ends when the OS gives up on the
//! socket: keepalives and `tcp_user_timeout` are set). Once connected, the server ends any
//! statement running longer than `statement_timeout`, and keepalives with `tcp_user_timeout`
//! notice a server that went away in the middle of a query.

use std::net::IpAddr;
use std::sync::mpsc;
use std::time::Duration;

use postgres::config::TargetSessionAttrs;
use postgres::{Client, Config};

use super::conninfo::{self, CONNECT_TIMEOUT, Params};
use super::tls::{Connector, SslMode};

/// The longest one statement may run, unless the location's `options` say otherwise: long
/// enough for the largest batch or a reindex of a big archive, short enough that a stuck lock
/// is noticed.
const STATEMENT_TIMEOUT: &str = "10min";

/// A peer that stops acknowledging what is sent, or answering keepalives, is dead after about
/// this long.
const DEAD_PEER: Duration = Duration::from_secs(60);

/// Everything needed to connect, resolved from the location.
pub struct Settings {
    pub config: Config,
    pub tls: Connector,
    /// The deadline for the whole connect, handshake and authentication included.
    pub deadline: Duration,
    /// For the user: a `.pgpass` ignored for its permissions.
    pub warnings: Vec<String>,
}

/// Why a connection was not made.
pub(crate) enum Failure {
    /// The location or its surroundings are wrong; nothing was tried.
    Settings(String),
    TimedOut(Duration),
    Driver(postgres::Error),
}

/// The location's settings, completed from the environment, service file and `.pgpass`.
pub fn settings(location: &str) -> Result<Settings, String> {
    let given = conninfo::parse(location)?;
    let (params, warnings) = conninfo::resolve(given, &conninfo::Surroundings::of_process())?;
    let mode = SslMode::parse(params.get("sslmode").map_or("prefer", String::as_str))?;
    let tls = Connector::new(mode, params.get("sslrootcert").map(String::as_str))?;
    let mut config = Config::new();
    config.ssl_mode(mode.driver());
    let timeout = connect_timeout(&params)?;
    config.connect_timeout(timeout);
    set_endpoints(&mut config, &params)?;
    set_login(&mut config, &params);
    set_liveness(&mut config, &params)?;
    if let Some(attrs) = params.get("target_session_attrs") {
        config.target_session_attrs(match attrs.as_str() {
            "any" => TargetSessionAttrs::Any,
            "read-write" => TargetSessionAttrs::ReadWrite,
            "read-only" => TargetSessionAttrs::ReadOnly,
            _ => return Err("target_session_attrs is not any, read-write or read-only".into()),
        });
    }
    let hosts = config
        .get_hosts()
        .len()
        .max(config.get_hostaddrs().len())
        .max(1);
    Ok(Settings {
        config,
        tls,
        deadline: timeout * hosts as u32,
        warnings,
    })
}

/// libpq's `connect_timeout` in seconds; 0 (libpq's "forever") is taken as the default, since
/// waiting forever is what the deadline exists to prevent.
fn connect_timeout(params: &Params) -> Result<Duration, String> {
    match params.get("connect_timeout") {
        None => Ok(CONNECT_TIMEOUT),
        Some(value) => match value.trim().parse::<u64>() {
            Ok(0) => Ok(CONNECT_TIMEOUT),
            Ok(seconds) => Ok(Duration::from_secs(seconds)),
            Err(_) => Err("connect_timeout is not a number of seconds".into()),
        },
    }
}

fn set_endpoints(config: &mut Config, params: &Params) -> Result<(), String> {
    for host in conninfo::value(params, "host").split(',') {
        if host.starts_with('/') {
            config.host_path(host);
        } else {
            config.host(if host.is_empty() { "localhost" } else { host });
        }
    }
    if let Some(addrs) = params.get("hostaddr") {
        for addr in addrs.split(',') {
            let ip: IpAddr = addr
                .trim()
                .parse()
                .map_err(|_| "hostaddr is not an IP address".to_string())?;
            config.hostaddr(ip);
        }
    }
    for port in conninfo::value(params, "port").split(',') {
        let port = if port.is_empty() { "5432" } else { port };
        config.port(
            port.parse()
                .map_err(|_| "port is not a port number".to_string())?,
        );
    }
    Ok(())
}

fn set_login(config: &mut Config, params: &Params) {
    config.user(conninfo::value(params, "user"));
    config.dbname(conninfo::value(params, "dbname"));
    if let Some(password) = params.get("password") {
        config.password(password);
    }
    config.application_name(
        params
            .get("application_name")
            .map_or("fairlint", String::as_str),
    );
    // The location's own options come last, so that they can set another statement_timeout.
    let options = match params.get("options") {
        Some(own) => format!("-c statement_timeout={STATEMENT_TIMEOUT} {own}"),
        None => format!("-c statement_timeout={STATEMENT_TIMEOUT}"),
    };
    config.options(&options);
}

fn set_liveness(config: &mut Config, params: &Params) -> Result<(), String> {
    let seconds = |key: &str, default: Duration| -> Result<Duration, String> {
        match params.get(key) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse::<u64>()
                .map(Duration::from_secs)
                .map_err(|_| format!("{key} is not a number of seconds")),
        }
    };
    config.keepalives(params.get("keepalives").is_none_or(|v| v.trim() != "0"));
    config.keepalives_idle(seconds("keepalives_idle", Duration::from_secs(30))?);
    config.keepalives_interval(seconds("keepalives_interval", Duration::from_secs(10))?);
    let count = match params.get("keepalives_count") {
        None => 3,
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| "keepalives_count is not a number".to_string())?,
    };
    config.keepalives_retries(count);
    // libpq's tcp_user_timeout is in milliseconds.
    let user_timeout = match params.get("tcp_user_timeout") {
        None => DEAD_PEER,
        Some(v) => v
            .trim()
            .parse::<u64>()
            .map(Duration::from_millis)
            .map_err(|_| "tcp_user_timeout is not a number of milliseconds".to_string())?,
    };
    config.tcp_user_timeout(user_timeout);
    Ok(())
}

/// Connects, giving up at the deadline whatever the server does.
pub fn connect(settings: Settings) -> Result<Client, Failure> {
    let Settings {
        config,
        tls,
        deadline,
        ..
    } = settings;
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("fairlint-archive-connect".into())
        .spawn(move || {
            let _ = sender.send(config.connect(tls));
        })
        .map_err(|e| Failure::Settings(format!("cannot start a thread to connect: {e}")))?;
    match receiver.recv_timeout(deadline) {
        Ok(result) => result.map_err(Failure::Driver),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut(deadline)),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Settings(
            "the connection attempt stopped without a result".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_and_dead_peers_are_bounded() {
        let s = settings("host=db port=5433 dbname=news user=ann password=x sslmode=disable")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.config.get_options(), Some("-c statement_timeout=10min"));
        assert_eq!(s.config.get_tcp_user_timeout(), Some(&DEAD_PEER));
        assert!(s.config.get_keepalives());
        assert_eq!(s.config.get_keepalives_idle(), Duration::from_secs(30));
        assert_eq!(s.deadline, CONNECT_TIMEOUT);
        // The location's own options come after, and so win.
        let s = settings(
            "postgres://ann@db/news?options=-c%20statement_timeout%3D1s&connect_timeout=2&sslmode=disable",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            s.config.get_options(),
            Some("-c statement_timeout=10min -c statement_timeout=1s")
        );
        assert_eq!(s.deadline, Duration::from_secs(2));
        // Two hosts, each with its own timeout.
        let s = settings("host=a,b connect_timeout=3 sslmode=disable")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.deadline, Duration::from_secs(6));
        for bad in [
            "host=db port=many",
            "host=db sslmode=sometimes",
            "host=db connect_timeout=soon",
            "host=db hostaddr=not-an-ip",
        ] {
            assert!(settings(bad).is_err(), "{bad}");
        }
    }
}
