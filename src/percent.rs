//! Percent-encoding (RFC 3986), where paths and connection strings meet URIs: `file://` URIs in
//! SARIF and the language server, `postgres://` URLs for the archive. One encoder and one
//! decoder, so that an escape is read back the way it was written.

/// RFC 3986's unreserved characters, which no URI escapes.
pub fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// `text` with every byte `keep` refuses written as `%XX` (a non-ASCII character as the escapes
/// of its UTF-8 bytes).
pub fn encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if keep(byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The bytes `text` stands for: each `%XX` decoded; a `%` not followed by two hex digits is kept
/// as it stands.
pub fn decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_encoded_decodes_to_itself() {
        let text = "a b/“x”%#?.md";
        let encoded = encode(text, |b| unreserved(b) || b == b'/');
        assert_eq!(encoded, "a%20b/%E2%80%9Cx%E2%80%9D%25%23%3F.md");
        assert_eq!(decode(&encoded), text.as_bytes());
    }

    #[test]
    fn a_stray_percent_is_kept() {
        assert_eq!(decode("50%"), b"50%");
        assert_eq!(decode("%zz%4"), b"%zz%4");
        assert_eq!(decode("%2"), b"%2");
    }
}
