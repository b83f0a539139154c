//! What a PostgreSQL archive location means, the way libpq reads it. Newsrooms configure
//! database access once, for `psql` and every other client: a `postgres://` URL or a
//! `key=value` string, `PGPASSWORD` and the other `PG*` variables, a service file, `.pgpass`.
//! The `postgres` crate reads only part of the first and none of the rest, so fairlint resolves
//! them here into plain settings; and the same parsing hides the password whenever a location
//! is shown, because locations end up in CI logs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every keyword fairlint understands, as libpq spells it; any other is refused by name rather
/// than ignored (a mistyped `sslmode` would silently connect in the clear).
const KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "service",
    "sslmode",
    "sslrootcert",
    "connect_timeout",
    "options",
    "application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "target_session_attrs",
];

/// The environment variables libpq reads for each keyword.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("host", "PGHOST"),
    ("hostaddr", "PGHOSTADDR"),
    ("port", "PGPORT"),
    ("dbname", "PGDATABASE"),
    ("user", "PGUSER"),
    ("password", "PGPASSWORD"),
    ("passfile", "PGPASSFILE"),
    ("service", "PGSERVICE"),
    ("sslmode", "PGSSLMODE"),
    ("sslrootcert", "PGSSLROOTCERT"),
    ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ("options", "PGOPTIONS"),
    ("application_name", "PGAPPNAME"),
    ("target_session_attrs", "PGTARGETSESSIONATTRS"),
];

/// A server that does not answer within this is reported, not waited on.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Keyword → value, as given or resolved.
pub(crate) type Params = BTreeMap<String, String>;

/// A keyword's value, empty when it is not set (never a panic on a missing key).
pub fn value<'a>(params: &'a Params, key: &str) -> &'a str {
    params.get(key).map_or("", String::as_str)
}

/// True for a `postgres://` or `postgresql://` URL.
pub(crate) fn is_url(value: &str) -> bool {
    value.starts_with("postgres://") || value.starts_with("postgresql://")
}

/// True for a libpq `key=value` string: its first word is a keyword followed by `=`. Such a
/// value is never an SQLite path (an unknown keyword is then refused, not made into a file named
/// after the string); `./a=b.db` names a file with `=` in its name.
pub(crate) fn is_keywords(value: &str) -> bool {
    let value = value.trim_start();
    let name_len = value
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    name_len > 0 && value[name_len..].trim_start().starts_with('=')
}

/// The location as it may be shown: every password replaced with `***`, whichever way it was
/// given (`user:pass@`, `?password=`, `password=` or `password='…'`). What follows a password
/// and is not a known keyword is taken as more of it (a password with an unescaped space or
/// `&`), and hidden too.
pub(crate) fn redact(value: &str) -> String {
    if is_url(value) {
        return redact_url(value);
    }
    match parse_keywords(value) {
        Ok(pairs) => {
            let mut hiding = false;
            pairs
                .iter()
                .filter_map(|(k, v)| {
                    hiding = k == "password" || (hiding && !KEYWORDS.contains(&k.as_str()));
                    match (k == "password", hiding) {
                        (true, _) => Some(format!("{k}=***")),
                        (false, true) => None,
                        (false, false) => Some(format!("{k}={}", quote(v))),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        // Unreadable: show only what comes before any password, never the rest.
        Err(_) => match value.to_ascii_lowercase().find("password") {
            Some(at) => format!("{}password=***", &value[..at]),
            None => value.to_string(),
        },
    }
}

fn quote(value: &str) -> String {
    if !value.is_empty() && !value.contains([' ', '\'', '\\', '\t', '\n']) {
        return value.to_string();
    }
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A URL's parts as written (not decoded).
struct UrlParts<'a> {
    scheme: &'a str,
    userinfo: Option<&'a str>,
    hosts: &'a str,
    dbname: Option<&'a str>,
    query: Option<&'a str>,
}

/// Splits a URL as libpq does, but more forgiving of a password written without
/// percent-encoding: the user part ends at the last `@` before the first `/`, or, when there is
/// none and a `:` comes first (`user:pa/ss@host`), at the last `@` of all. A `?`, `#` or `@` in a
/// password therefore never spills it into the host or the query.
fn split_url(url: &str) -> UrlParts<'_> {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let slash = rest.find('/').unwrap_or(rest.len());
    let at = rest[..slash].rfind('@').or_else(|| {
        rest[..slash]
            .contains(':')
            .then(|| rest.rfind('@'))
            .flatten()
    });
    let (userinfo, after) = match at {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let (before_query, query) = match after.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (after, None),
    };
    let (hosts, dbname) = match before_query.split_once('/') {
        Some((h, d)) => (h, Some(d)),
        None => (before_query, None),
    };
    UrlParts {
        scheme,
        userinfo,
        hosts,
        dbname,
        query,
    }
}

fn redact_url(url: &str) -> String {
    let parts = split_url(url);
    let mut out = format!("{}://", parts.scheme);
    if let Some(userinfo) = parts.userinfo {
        match userinfo.split_once(':') {
            Some((user, _)) => out.push_str(&format!("{user}:***@")),
            None => out.push_str(&format!("{userinfo}@")),
        }
    }
    out.push_str(parts.hosts);
    if let Some(db) = parts.dbname {
        out.push('/');
        out.push_str(db);
    }
    if let Some(query) = parts.query {
        out.push('?');
        out.push_str(&redact_query(query));
    }
    out
}

/// `password=…` in a query, and what follows it up to the next known keyword.
fn redact_query(query: &str) -> String {
    let mut hiding = false;
    let mut shown: Vec<String> = Vec::new();
    for part in query.split('&') {
        let key = percent_decode(part.split_once('=').map_or(part, |(k, _)| k));
        let is_password = key.eq_ignore_ascii_case("password");
        hiding = is_password || (hiding && !KEYWORDS.contains(&key.as_str()));
        if is_password {
            shown.push(format!(
                "{}=***",
                part.split_once('=').map_or(part, |(k, _)| k)
            ));
        } else if !hiding {
            shown.push(part.to_string());
        }
    }
    shown.join("&")
}

/// The keywords given in the location itself, URL or `key=value`; an error never quotes a
/// value, since it may be a password.
pub fn parse(value: &str) -> Result<Params, String> {
    let pairs = if is_url(value) {
        parse_url(value)?
    } else {
        parse_keywords(value)?
    };
    // An unknown keyword after a password may be more of the password: then it is not named.
    let secret = pairs.iter().any(|(k, _)| k == "password");
    let mut params = Params::new();
    for (key, value) in pairs {
        if !KEYWORDS.contains(&key.as_str()) {
            let named = if secret {
                "a keyword (not shown: the location holds a password)".to_string()
            } else {
                format!("`{key}`")
            };
            return Err(format!(
                "{named} is not a connection parameter fairlint understands (known: {})",
                KEYWORDS.join(", ")
            ));
        }
        params.insert(key, value);
    }
    Ok(params)
}

/// `key=value` pairs separated by spaces; a value may be single-quoted, with `\'` and `\\`.
fn parse_keywords(value: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(pairs);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(format!("`{key}` has no `=` and a value"));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut val = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next() {
                    None => return Err(format!("the quoted value of `{key}` is not closed")),
                    Some('\'') => break,
                    Some('\\') => val.extend(chars.next()),
                    Some(c) => val.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    val.extend(chars.next());
                } else {
                    val.push(c);
                }
            }
        }
        pairs.push((key, val));
    }
}

/// `postgres://[user[:password]@][host[:port][,…]][/dbname][?key=value&…]`, percent-decoded.
fn parse_url(url: &str) -> Result<Vec<(String, String)>, String> {
    let parts = split_url(url);
    let mut pairs = Vec::new();
    if let Some(userinfo) = parts.userinfo {
        let (user, password) = match userinfo.split_once(':') {
            Some((u, p)) => (u, Some(p)),
            None => (userinfo, None),
        };
        if !user.is_empty() {
            pairs.push(("user".into(), percent_decode(user)));
        }
        if let Some(password) = password {
            pairs.push(("password".into(), percent_decode(password)));
        }
    }
    push_hosts(parts.hosts, &mut pairs)?;
    if let Some(db) = parts.dbname.filter(|d| !d.is_empty()) {
        pairs.push(("dbname".into(), percent_decode(db)));
    }
    for part in parts.query.into_iter().flat_map(|q| q.split('&')) {
        if part.is_empty() {
            continue;
        }
        let (k, v) = part
            .split_once('=')
            .ok_or("a query parameter has no `=` and a value")?;
        pairs.push((percent_decode(k), percent_decode(v)));
    }
    Ok(pairs)
}

/// `host[:port]` items separated by commas, an IPv6 address in brackets.
fn push_hosts(hosts: &str, pairs: &mut Vec<(String, String)>) -> Result<(), String> {
    if hosts.is_empty() {
        return Ok(());
    }
    let mut names = Vec::new();
    let mut ports = Vec::new();
    for item in hosts.split(',') {
        let (host, port) = if let Some(inner) = item.strip_prefix('[') {
            let (host, after) = inner
                .split_once(']')
                .ok_or("an IPv6 host has no closing `]`")?;
            (host, after.strip_prefix(':'))
        } else {
            match item.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (item, None),
            }
        };
        names.push(percent_decode(host));
        ports.push(port.unwrap_or("").to_string());
    }
    pairs.push(("host".into(), names.join(",")));
    if ports.iter().any(|p| !p.is_empty()) {
        pairs.push(("port".into(), ports.join(",")));
    }
    Ok(())
}

fn percent_decode(text: &str) -> String {
    String::from_utf8_lossy(&crate::percent::decode(text)).into_owned()
}

/// Reads one environment variable.
pub(crate) type Lookup = Box<dyn Fn(&str) -> Option<String>>;

/// Where libpq looks for things outside the location: the environment and the home folder.
/// Tests give their own.
pub(crate) struct Surroundings {
    pub env: Lookup,
    pub home: Option<PathBuf>,
}

impl Surroundings {
    pub(crate) fn of_process() -> Surroundings {
        Surroundings {
            env: Box::new(|name| std::env::var(name).ok().filter(|v| !v.is_empty())),
            home: std::env::var_os("HOME").map(PathBuf::from),
        }
    }

    fn var(&self, name: &str) -> Option<String> {
        (self.env)(name)
    }
}

/// The settings to connect with, as libpq would resolve them: the location's own keywords,
/// then its service's (`service=` or `PGSERVICE`), then the `PG*` environment, then defaults;
/// the password last from `.pgpass` when none was given. `warnings` are for the user (a
/// `.pgpass` others can read is ignored, as libpq ignores it).
pub(crate) fn resolve(
    given: Params,
    around: &Surroundings,
) -> Result<(Params, Vec<String>), String> {
    let mut params = given;
    let service = params
        .get("service")
        .cloned()
        .or_else(|| around.var("PGSERVICE"));
    if let Some(name) = service {
        for (key, value) in service_params(&name, around)? {
            params.entry(key).or_insert(value);
        }
    }
    for (key, var) in ENVIRONMENT {
        if let Some(value) = around.var(var) {
            params.entry((*key).to_string()).or_insert(value);
        }
    }
    let user = around
        .var("USER")
        .or_else(|| around.var("LOGNAME"))
        .unwrap_or_else(|| "postgres".into());
    params.entry("user".into()).or_insert(user);
    let user = value(&params, "user").to_string();
    params.entry("dbname".into()).or_insert(user);
    params
        .entry("host".into())
        .or_insert_with(|| "localhost".into());
    params.entry("port".into()).or_insert_with(|| "5432".into());
    let mut warnings = Vec::new();
    if !params.contains_key("password")
        && let Some(password) = pgpass_password(&params, around, &mut warnings)
    {
        params.insert("password".into(), password);
    }
    Ok((params, warnings))
}

/// The service's keywords, from the first file that defines it: `PGSERVICEFILE` (else
/// `~/.pg_service.conf`), then `pg_service.conf` in `PGSYSCONFDIR` (else Debian's
/// `/etc/postgresql-common`). A named service found nowhere is an error, as in libpq.
fn service_params(name: &str, around: &Surroundings) -> Result<Params, String> {
    let user_file = around
        .var("PGSERVICEFILE")
        .map(PathBuf::from)
        .or_else(|| around.home.as_ref().map(|h| h.join(".pg_service.conf")));
    let system_dir = around
        .var("PGSYSCONFDIR")
        .unwrap_or_else(|| "/etc/postgresql-common".into());
    let system_file = Path::new(&system_dir).join("pg_service.conf");
    for file in user_file.into_iter().chain([system_file]) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if let Some(params) = service_in(&text, name, &file)? {
            return Ok(params);
        }
    }
    Err(format!(
        "service `{name}` is not defined in ~/.pg_service.conf, PGSERVICEFILE or pg_service.conf in PGSYSCONFDIR"
    ))
}

/// The `[name]` section of a service file, if there is one.
fn service_in(text: &str, name: &str, file: &Path) -> Result<Option<Params>, String> {
    let mut found: Option<Params> = None;
    let mut inside = false;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if found.is_some() {
                break;
            }
            inside = section == name;
            if inside {
                found = Some(Params::new());
            }
            continue;
        }
        let Some(params) = found.as_mut().filter(|_| inside) else {
            continue;
        };
        let (key, value) = line.split_once('=').ok_or_else(|| {
            format!(
                "{}, line {}: expected key=value",
                file.display(),
                number + 1
            )
        })?;
        let key = key.trim();
        if !KEYWORDS.contains(&key) || key == "service" {
            return Err(format!(
                "{}, line {}: `{key}` is not a connection parameter fairlint understands",
                file.display(),
                number + 1
            ));
        }
        params.insert(key.to_string(), value.trim().to_string());
    }
    Ok(found)
}

/// The password `.pgpass` (`passfile`, `PGPASSFILE`, else `~/.pgpass`) holds for this host,
/// port, database and user: the first line whose fields all match, `*` matching anything.
fn pgpass_password(
    params: &Params,
    around: &Surroundings,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let file = params
        .get("passfile")
        .map(PathBuf::from)
        .or_else(|| around.home.as_ref().map(|h| h.join(".pgpass")))?;
    let text = std::fs::read_to_string(&file).ok()?;
    if let Some(warning) = readable_by_others(&file) {
        warnings.push(warning);
        return None;
    }
    let host = value(params, "host").split(',').next().unwrap_or("");
    // libpq matches a socket folder as `localhost`.
    let host = if host.starts_with('/') {
        "localhost"
    } else {
        host
    };
    let port = value(params, "port").split(',').next().unwrap_or("5432");
    let wanted = [host, port, value(params, "dbname"), value(params, "user")];
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(pgpass_fields)
        .find(|fields| {
            fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want)
        })
        .map(|fields| fields[4].clone())
}

/// A `.pgpass` line's five fields, with `\:` and `\\` unescaped; `None` for a malformed line.
fn pgpass_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.extend(chars.next()),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

#[cfg(unix)]
fn readable_by_others(file: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(file).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "password file {} has group or world access and is ignored; permissions should be u=rw (0600) or less",
            file.display()
        )
    })
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(vars: &[(&str, &str)], home: Option<&Path>) -> Surroundings {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Surroundings {
            env: Box::new(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())),
            home: home.map(Path::to_path_buf),
        }
    }

    #[test]
    fn key_value_strings_are_postgresql() {
        assert!(is_keywords("host=db dbname=news user=ann password=x"));
        assert!(is_keywords("  dbname = news"));
        assert!(!is_keywords("./a=b.db"));
        assert!(!is_keywords("archive.db"));
        assert!(!is_keywords("=x"));
        let p = parse("host=db dbname=news password='a b\\'c' user=ann").unwrap();
        assert_eq!(p["password"], "a b'c");
        assert_eq!(p["host"], "db");
        assert!(parse("archive=v2.db").unwrap_err().contains("`archive`"));
        let err = parse("host=db password=s3 cret=x").unwrap_err();
        assert!(!err.contains("cret"), "{err}");
        assert!(parse("host=db password='open").is_err());
    }

    #[test]
    fn every_password_is_hidden() {
        for (given, shown) in [
            (
                "postgres://ann:s3cret@db.local:5432/news",
                "postgres://ann:***@db.local:5432/news",
            ),
            (
                "postgres://ann@db/news?password=s3cret&sslmode=require",
                "postgres://ann@db/news?password=***&sslmode=require",
            ),
            (
                "postgresql://db/news?sslmode=require&password=s3cret",
                "postgresql://db/news?sslmode=require&password=***",
            ),
            (
                "host=db dbname=news user=ann password=s3cret",
                "host=db dbname=news user=ann password=***",
            ),
            (
                "host=db password = 's3 cret' dbname=news",
                "host=db password=*** dbname=news",
            ),
            ("host=db password='s3cret", "host=db password=***"),
            // Passwords written without the escaping they need are still hidden whole.
            (
                "postgres://ann:s3?cr@et@db/news",
                "postgres://ann:***@db/news",
            ),
            (
                "postgres://ann:s3/cret@db/news",
                "postgres://ann:***@db/news",
            ),
            (
                "postgres://db/news?password=s3&cret&sslmode=require",
                "postgres://db/news?password=***&sslmode=require",
            ),
            (
                "host=db password=s3 cret=x dbname=news",
                "host=db password=*** dbname=news",
            ),
            ("postgresql://db/news", "postgresql://db/news"),
        ] {
            assert_eq!(redact(given), shown, "{given}");
        }
    }

    #[test]
    fn urls_are_decoded() {
        let p = parse("postgres://a%40b:p%3Ass@[::1]:6543,h2/my%20db?sslmode=verify-full").unwrap();
        assert_eq!(p["user"], "a@b");
        assert_eq!(p["password"], "p:ss");
        assert_eq!(p["host"], "::1,h2");
        assert_eq!(p["port"], "6543,");
        assert_eq!(p["dbname"], "my db");
        assert_eq!(p["sslmode"], "verify-full");
    }

    #[test]
    fn explicit_then_service_then_environment_then_pgpass() {
        let home = std::env::temp_dir().join(format!("fairlint-conninfo-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(
            home.join(".pg_service.conf"),
            "# newsroom\n[news]\nhost=svc-host\ndbname=svc-db\n[other]\nhost=no\n",
        )
        .unwrap();
        let pgpass = home.join(".pgpass");
        std::fs::write(
            &pgpass,
            "# comment\nother:*:*:*:no\nsvc-host:5432:svc-db:ann:pa\\:ss\n*:*:*:*:fallback\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let env = around(
            &[
                ("PGSERVICE", "news"),
                ("PGHOST", "env-host"),
                ("PGUSER", "ann"),
            ],
            Some(&home),
        );
        let (p, warnings) = resolve(parse("port=5432").unwrap(), &env).unwrap();
        assert_eq!(p["host"], "svc-host");
        assert_eq!(p["dbname"], "svc-db");
        assert_eq!(p["user"], "ann");
        assert_eq!(p["password"], "pa:ss");
        assert!(warnings.is_empty());
        let (p, _) = resolve(parse("host=h password=given").unwrap(), &env).unwrap();
        assert_eq!(p["password"], "given");
        let (p, _) = resolve(parse("host=h").unwrap(), &env).unwrap();
        assert_eq!(p["password"], "fallback");
        assert!(
            resolve(parse("service=nowhere").unwrap(), &env)
                .unwrap_err()
                .contains("nowhere")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
            let (p, warnings) = resolve(parse("host=h").unwrap(), &env).unwrap();
            assert!(!p.contains_key("password"));
            assert!(
                warnings[0].contains("group or world access"),
                "{warnings:?}"
            );
        }
        let _ = std::fs::remove_dir_all(&home);
    }
}
