//! `py::event`: typed views of the event answer as the Python dict does, whatever the
//! event holds (missing keys, `null`, other shapes, duplicate keys).

use pyrt::event::{from_json, Fields, Items, Node, View};
use pyrt::*;

/// What a handler reading `record["body"]`, `record.get("attrs", {})` and
/// `record["tags"]` would declare.
struct Record {
    body: Option<Py>,
    attrs: Option<Node<Attrs>>,
    tags: Option<Items<Py>>,
}

impl View for Record {
    fn build(fields: &mut Fields) -> PyResult<Self> {
        Ok(Record { body: fields.take("body")?, attrs: fields.take("attrs")?, tags: fields.take("tags")? })
    }
}

struct Attrs {
    count: Option<Py>,
}

impl View for Attrs {
    fn build(fields: &mut Fields) -> PyResult<Self> {
        Ok(Attrs { count: fields.take("count")? })
    }
}

fn body(r: &Node<Record>) -> PyResult<Py> {
    r.view_get("body", |v| &v.body)
}

fn error_of<T>(r: PyResult<T>) -> String {
    match r {
        Ok(_) => "no error".to_string(),
        Err(e) => format!("{}: {}", e.error_type(), e.message()),
    }
}

fn records(text: &str) -> Items<Node<Record>> {
    from_json(text).expect("valid JSON")
}

#[test]
fn fields_read_like_dict_keys() {
    let items = records(r#"[{"body": "hi", "tags": ["a", "b"], "other": {"x": 1}}, {"body": null}]"#);
    assert_eq!(items.len().unwrap(), 2);
    let first = items.index(0).unwrap();
    assert_eq!(body(&first).unwrap().repr_string(), "'hi'");
    let tags = first.view_get("tags", |v| &v.tags).unwrap();
    assert_eq!(tags.index(-1).unwrap().repr_string(), "'b'");
    assert_eq!(error_of(tags.index(2)), "IndexError: list index out of range");
    // `null` is None; a missing key is the KeyError of `record["tags"]`.
    let second = items.index(-1).unwrap();
    assert!(body(&second).unwrap().is_none());
    assert_eq!(error_of(second.view_get("tags", |v| &v.tags)), "KeyError: 'tags'");
    assert!(!second.view_has("tags", |v| &v.tags).unwrap());
    assert!(second.view_has("body", |v| &v.body).unwrap());
    // `.get("attrs", {})` of a missing object is an empty view: its keys are missing too.
    let attrs = second.view_get_or_empty("attrs", |v| &v.attrs, Py::dict(Vec::new()).unwrap()).unwrap();
    assert_eq!(error_of(attrs.view_get("count", |v| &v.count)), "KeyError: 'count'");
    assert!(second.view_get_or("body", |v| &v.body, Py::Int(3)).unwrap().is_none());
}

#[test]
fn duplicate_keys_keep_the_last_value() {
    let items = records(r#"[{"body": "first", "body": "last"}]"#);
    assert_eq!(body(&items.index(0).unwrap()).unwrap().repr_string(), "'last'");
}

#[test]
fn other_shapes_raise_what_python_raises() {
    // A string where a record should be: `record["body"]` on a str.
    let items = records(r#"["text", 7]"#);
    assert_eq!(
        error_of(body(&items.index(0).unwrap())),
        "TypeError: string indices must be integers, not 'str'"
    );
    assert_eq!(error_of(body(&items.index(1).unwrap())), "TypeError: 'int' object is not subscriptable");
    // An object where the list should be: iterating a dict yields its keys.
    let items = records(r#"{"a": 1}"#);
    let keys: Vec<Node<Record>> = items.iter().unwrap().collect::<PyResult<_>>().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(error_of(body(&keys[0])), "TypeError: string indices must be integers, not 'str'");
    // `None` is not iterable.
    let none = records("null");
    assert_eq!(error_of(none.iter().map(|_| ())), "TypeError: 'NoneType' object is not iterable");
    // `"body" in "some text"` is a substring test.
    let text: Node<Record> = from_json(r#""the body""#).unwrap();
    assert!(text.view_has("body", |v| &v.body).unwrap());
}

#[test]
fn values_keep_their_identity() {
    // A dict read twice is the same object: a change through one read shows in the other.
    struct Root {
        detail: Option<Py>,
    }
    impl View for Root {
        fn build(fields: &mut Fields) -> PyResult<Self> {
            Ok(Root { detail: fields.take("detail")? })
        }
    }
    let root: Node<Root> = from_json(r#"{"detail": {"n": 12345678901234567890123}}"#).unwrap();
    let detail = root.view_get("detail", |v| &v.detail).unwrap();
    detail.setitem(Py::str("seen"), Py::Bool(true)).unwrap();
    let again = root.view_get("detail", |v| &v.detail).unwrap();
    assert_eq!(again.repr_string(), "{'n': 12345678901234567890123, 'seen': True}");
}

#[test]
fn get_or_empty_if_falsy_reads_like_value_or_empty() {
    struct Root {
        attrs: Option<Node<Attrs>>,
    }
    impl View for Root {
        fn build(fields: &mut Fields) -> PyResult<Self> {
            Ok(Root { attrs: fields.take("attrs")? })
        }
    }
    let count = |text: &str| -> String {
        let root: Node<Root> = from_json(text).unwrap();
        error_of(
            root.view_get_or_empty_if_falsy("attrs", |v| &v.attrs)
                .and_then(|a| a.view_get_or("count", |v| &v.count, Py::str("none"))),
        )
        .replace("no error", "")
        + &root
            .view_get_or_empty_if_falsy("attrs", |v| &v.attrs)
            .and_then(|a| a.view_get_or("count", |v| &v.count, Py::str("none")))
            .map(|v| v.repr_string())
            .unwrap_or_default()
    };
    // Present, missing, null, empty, falsy of another shape: `(x or {}).get("count", "none")`.
    assert_eq!(count(r#"{"attrs": {"count": 2}}"#), "2");
    assert_eq!(count(r#"{}"#), "'none'");
    assert_eq!(count(r#"{"attrs": null}"#), "'none'");
    assert_eq!(count(r#"{"attrs": {}}"#), "'none'");
    assert_eq!(count(r#"{"attrs": 0}"#), "'none'");
    assert_eq!(count(r#"{"attrs": ""}"#), "'none'");
    // Truthy and not a dict: Python calls `.get` on it.
    assert_eq!(count(r#"{"attrs": "abc"}"#), "AttributeError: 'str' object has no attribute 'get'");
    assert_eq!(count(r#"{"attrs": [1]}"#), "AttributeError: 'list' object has no attribute 'get'");
}
