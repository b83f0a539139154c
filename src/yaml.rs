//! The one way fairlint parses YAML: configs, front matter, originals' and archived texts'
//! front matter, the language server's settings, the embedded rules. YAML anchors and aliases
//! let a few kilobytes stand for gigabytes (`&a [x, x, …]` reused in `&b [*a, *a, …]`, and so
//! on); serde_yaml limits how often aliases are followed, but a large anchor reused fewer times
//! still passes (an 88 KB front matter took 1 GB). So every document is first walked once, as
//! serde replays it with the aliases expanded, counting values and scalar bytes, and it is
//! parsed for real only when the expanded document is within a budget.
//!
//! Anchors stay allowed: they are ordinary YAML (a newsroom template may reuse one source entry),
//! and the budget bounds what matters, the size after expansion, whichever way it is reached.
//! Refusing `&`/`*` before parsing would need a YAML tokenizer of its own to tell them from the
//! same characters in quoted strings, block text and globs.

use std::cell::Cell;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};

pub use serde_yaml::{Error, Value};

/// At most this many values (scalars, lists, mappings) after aliases are expanded: a config or
/// front matter has hundreds, a generous lexicon extension thousands.
pub(crate) const MAX_VALUES: usize = 100_000;

/// Scalar text after expansion may be at most this many bytes more than the document itself.
pub(crate) const MAX_EXTRA_BYTES: usize = 1024 * 1024;

/// Parses `text` as `T`, refusing it when its expanded size is over budget.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    check_budget(text)?;
    serde_yaml::from_str(text)
}

/// Converts an already parsed (so already budgeted) value into `T`.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    serde_yaml::from_value(value)
}

/// Walks the document as serde sees it, aliases expanded, and fails once it is over budget.
fn check_budget(text: &str) -> Result<(), Error> {
    let budget = Budget {
        values: Cell::new(MAX_VALUES),
        bytes: Cell::new(text.len().saturating_mul(2).saturating_add(MAX_EXTRA_BYTES)),
    };
    // An empty document is fine here; the real parse says what it makes of it.
    if text.trim().is_empty() {
        return Ok(());
    }
    budget.deserialize(serde_yaml::Deserializer::from_str(text))
}

/// What is left of the budget while walking one document.
struct Budget {
    values: Cell<usize>,
    bytes: Cell<usize>,
}

impl Budget {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        let values = self.values.get().checked_sub(1);
        let left = self.bytes.get().checked_sub(bytes);
        match (values, left) {
            (Some(values), Some(left)) => {
                self.values.set(values);
                self.bytes.set(left);
                Ok(())
            }
            _ => Err(E::custom(format!(
                "YAML too large once its aliases (`*name`) are expanded: over {MAX_VALUES} values \
                 or {} MiB of text; write the values out instead of reusing anchors",
                MAX_EXTRA_BYTES / (1024 * 1024)
            ))),
        }
    }
}

impl<'de> DeserializeSeed<'de> for &Budget {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &Budget {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(8)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(8)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(8)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag x`): count the tag's value like any other.
        let ((), variant) = data.variant_seed(self)?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_documents_and_small_anchors_parse() {
        let v: Value = from_str("a: &x [1, 2]\nb: *x\nc: text\n").unwrap();
        assert_eq!(v["b"], v["a"]);
        let v: Value = from_str("").unwrap();
        assert!(v.is_null());
        let v: Value = from_str("t: !tagged 3\n").unwrap();
        assert!(v.get("t").is_some());
    }

    #[test]
    fn alias_amplification_is_refused() {
        // Each level holds ten of the one before: 10^6 values from a few hundred bytes.
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..7 {
            let prev = format!("*a{}", level - 1);
            let items = [prev.as_str(); 10].join(", ");
            doc.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        assert!(from_str::<Value>(&doc).is_err());
        // A large anchor reused a few times passes serde_yaml's own limit on alias jumps; the
        // budget counts bytes.
        let big = "y".repeat(200_000);
        let doc = format!("a: &a \"{big}\"\nb: [{}]\n", vec!["*a"; 20].join(", "));
        let err = from_str::<Value>(&doc).unwrap_err();
        assert!(err.to_string().contains("aliases"), "{err}");
        // Many small values reused: the budget counts values.
        let doc = format!(
            "a: &a [{}]\nb: [{}]\n",
            vec!["1"; 1000].join(", "),
            vec!["*a"; 200].join(", ")
        );
        let err = from_str::<Value>(&doc).unwrap_err();
        assert!(err.to_string().contains("aliases"), "{err}");
    }

    #[test]
    fn syntax_errors_keep_their_location() {
        let err = from_str::<Value>("a: [1,\n").unwrap_err();
        assert!(err.location().is_some());
    }
}
