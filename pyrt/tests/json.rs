//! Generated from CPython 3.11: `json.loads` (values, exact JSONDecodeError messages and
//! positions) and `json.dumps` (byte-exact text), compared with `repr(result)` or
//! `Type: message`.
#![allow(clippy::approx_constant, clippy::excessive_precision)]

mod common;
use common::Checker;
use pyrt::json::{dumps, loads};
use pyrt::*;

#[test]
fn json_module() {
    let mut c = Checker::default();
    c.check(loads(Args::pos(vec![Py::str("")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str(" ")])), "JSONDecodeError: Expecting value: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("1")])), "1");
    c.check(loads(Args::pos(vec![Py::str("-0")])), "0");
    c.check(loads(Args::pos(vec![Py::str("-")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("-a")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("01")])), "JSONDecodeError: Extra data: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("1.5")])), "1.5");
    c.check(loads(Args::pos(vec![Py::str("1e5")])), "100000.0");
    c.check(loads(Args::pos(vec![Py::str("1E+2")])), "100.0");
    c.check(loads(Args::pos(vec![Py::str("1e")])), "JSONDecodeError: Extra data: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("1.")])), "JSONDecodeError: Extra data: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str(".5")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("1.5e-3x")])), "JSONDecodeError: Extra data: line 1 column 7 (char 6)");
    c.check(loads(Args::pos(vec![Py::str("123456789012345678901234567890")])), "123456789012345678901234567890");
    c.check(loads(Args::pos(vec![Py::str("-9223372036854775809")])), "-9223372036854775809");
    c.check(loads(Args::pos(vec![Py::str("1e400")])), "inf");
    c.check(loads(Args::pos(vec![Py::str("-1e400")])), "-inf");
    c.check(loads(Args::pos(vec![Py::str("null")])), "None");
    c.check(loads(Args::pos(vec![Py::str("nul")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("true")])), "True");
    c.check(loads(Args::pos(vec![Py::str("false")])), "False");
    c.check(loads(Args::pos(vec![Py::str("True")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("NaN")])), "nan");
    c.check(loads(Args::pos(vec![Py::str("Infinity")])), "inf");
    c.check(loads(Args::pos(vec![Py::str("-Infinity")])), "-inf");
    c.check(loads(Args::pos(vec![Py::str("[NaN]")])), "[nan]");
    c.check(loads(Args::pos(vec![Py::str("nan")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("\"abc\"")])), "'abc'");
    c.check(loads(Args::pos(vec![Py::str("\"a\\\"b\"")])), "'a\"b'");
    c.check(loads(Args::pos(vec![Py::str("\"\\u00e9\\n\\t\\/\\\\\"")])), "'\u{e9}\\n\\t/\\\\'");
    c.check(loads(Args::pos(vec![Py::str("\"\\ud83d\\ude00\"")])), "'\u{1f600}'");
    c.check(loads(Args::pos(vec![Py::str("\"\\u12\"")])), "JSONDecodeError: Invalid \\uXXXX escape: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::str("\"\\u12G4\"")])), "JSONDecodeError: Invalid \\uXXXX escape: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::str("\"\\x\"")])), "JSONDecodeError: Invalid \\escape: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("\"abc")])), "JSONDecodeError: Unterminated string starting at: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("\"a\u{a}b\"")])), "JSONDecodeError: Invalid control character at: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::str("\"a\u{9}b\"")])), "JSONDecodeError: Invalid control character at: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::str("\"\u{7f}\"")])), "'\\x7f'");
    c.check(loads(Args::pos(vec![Py::str("\"\u{e9}\"")])), "'\u{e9}'");
    c.check(loads(Args::pos(vec![Py::str("[]")])), "[]");
    c.check(loads(Args::pos(vec![Py::str("[ ]")])), "[]");
    c.check(loads(Args::pos(vec![Py::str("[1,2 , 3]")])), "[1, 2, 3]");
    c.check(loads(Args::pos(vec![Py::str("[1,]")])), "JSONDecodeError: Expecting value: line 1 column 4 (char 3)");
    c.check(loads(Args::pos(vec![Py::str("[1 2]")])), "JSONDecodeError: Expecting ',' delimiter: line 1 column 4 (char 3)");
    c.check(loads(Args::pos(vec![Py::str("[")])), "JSONDecodeError: Expecting value: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("[1")])), "JSONDecodeError: Expecting ',' delimiter: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::str("[1,")])), "JSONDecodeError: Expecting value: line 1 column 4 (char 3)");
    c.check(loads(Args::pos(vec![Py::str("]")])), "JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("{}")])), "{}");
    c.check(loads(Args::pos(vec![Py::str("{ }")])), "{}");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":1}")])), "{'a': 1}");
    c.check(loads(Args::pos(vec![Py::str("{\"a\" : [1, {\"b\": null}]}")])), "{'a': [1, {'b': None}]}");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":1,}")])), "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 8 (char 7)");
    c.check(loads(Args::pos(vec![Py::str("{a:1}")])), "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\" 1}")])), "JSONDecodeError: Expecting ':' delimiter: line 1 column 6 (char 5)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":}")])), "JSONDecodeError: Expecting value: line 1 column 6 (char 5)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":1 \"b\":2}")])), "JSONDecodeError: Expecting ',' delimiter: line 1 column 8 (char 7)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":1,\"a\":2}")])), "{'a': 2}");
    c.check(loads(Args::pos(vec![Py::str("{\"b\":1,\"a\":2}")])), "{'b': 1, 'a': 2}");
    c.check(loads(Args::pos(vec![Py::str("{")])), "JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\"")])), "JSONDecodeError: Expecting ':' delimiter: line 1 column 5 (char 4)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":")])), "JSONDecodeError: Expecting value: line 1 column 6 (char 5)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":1")])), "JSONDecodeError: Expecting ',' delimiter: line 1 column 7 (char 6)");
    c.check(loads(Args::pos(vec![Py::str("1 2")])), "JSONDecodeError: Extra data: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::str("[1] x")])), "JSONDecodeError: Extra data: line 1 column 5 (char 4)");
    c.check(loads(Args::pos(vec![Py::str("\u{a}\u{a}  [1,\u{a}  2,\u{a}  x]")])), "JSONDecodeError: Expecting value: line 5 column 3 (char 15)");
    c.check(loads(Args::pos(vec![Py::str("{\"a\":\u{a}\u{a}  tru}")])), "JSONDecodeError: Expecting value: line 3 column 3 (char 9)");
    c.check(loads(Args::pos(vec![Py::str("  \u{9}{\"k\": \"v\"}  \u{a}")])), "{'k': 'v'}");
    c.check(loads(Args::pos(vec![Py::str("\u{feff}[1]")])), "JSONDecodeError: Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
    c.check(loads(Args::pos(vec![Py::str("{\"nested\": {\"deep\": [1, 2.5, \"x\", true, false, null, {\"e\": []}]}}")])), "{'nested': {'deep': [1, 2.5, 'x', True, False, None, {'e': []}]}}");
    c.check(loads(Args::pos(vec![Py::str("[1.0, 1.10, 0.1, -0.0, 2e-7, 5E+22]")])), "[1.0, 1.1, 0.1, -0.0, 2e-07, 5e+22]");
    c.check(loads(Args::pos(vec![Py::str("\"\\u2028\\u2029\"")])), "'\\u2028\\u2029'");
    c.check(loads(Args::pos(vec![Py::str("[[[[[]]]]]")])), "[[[[[]]]]]");
    c.check(loads(Args::pos(vec![Py::str("\"tab\\tq\"")])), "'tab\\tq'");
    c.check(loads(Args::pos(vec![Py::str("{\"\":0}")])), "{'': 0}");
    c.check(loads(Args::pos(vec![Py::str("[1e-400]")])), "[0.0]");
    c.check(loads(Args::pos(vec![Py::str("12345678901234567890")])), "12345678901234567890");
    c.check(loads(Args::pos(vec![Py::str("\"\\b\\f\\r\"")])), "'\\x08\\x0c\\r'");
    c.check(loads(Args::pos(vec![Py::Bytes(std::rc::Rc::from(vec![91u8, 49u8, 44u8, 32u8, 34u8, 195u8, 169u8, 34u8, 93u8]))])), "[1, '\u{e9}']");
    c.check(loads(Args::pos(vec![Py::Bytes(std::rc::Rc::from(vec![239u8, 187u8, 191u8, 123u8, 34u8, 97u8, 34u8, 58u8, 32u8, 49u8, 125u8]))])), "{'a': 1}");
    c.check(loads(Args::pos(vec![Py::Bytes(std::rc::Rc::from(vec![34u8, 255u8, 34u8]))])), "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
    c.check(loads(Args::pos(vec![Py::Bytes(std::rc::Rc::from(vec![255u8, 254u8, 91u8, 0u8, 49u8, 0u8, 93u8, 0u8]))])), "[1]");
    c.check(loads(Args::pos(vec![Py::Bytes(std::rc::Rc::from(vec![32u8, 32u8]))])), "JSONDecodeError: Expecting value: line 1 column 3 (char 2)");
    c.check(loads(Args::pos(vec![Py::Bytes(std::rc::Rc::from(vec![91u8, 49u8, 44u8, 32u8, 34u8, 226u8, 130u8, 34u8, 93u8]))])), "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 5-6: invalid continuation byte");
    c.check(loads(Args::pos(vec![Py::Int(5)])), "TypeError: the JSON object must be str, bytes or bytearray, not int");
    c.check(loads(Args::pos(vec![Py::None])), "TypeError: the JSON object must be str, bytes or bytearray, not NoneType");
    c.check(loads(Args::pos(vec![Py::list(vec![Py::Int(1)])])), "TypeError: the JSON object must be str, bytes or bytearray, not list");
    c.check(dumps(Args::new(vec![Py::Int(1)], vec![])), "'1'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x3ff0000000000000))], vec![])), "'1.0'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x3fb999999999999a))], vec![])), "'0.1'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x4341c37937e08000))], vec![])), "'1e+16'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x8000000000000000))], vec![])), "'-0.0'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x3e7ad7f29abcaf48))], vec![])), "'1e-07'");
    c.check(dumps(Args::new(vec![Py::int_from_str("1180591620717411303424")], vec![])), "'1180591620717411303424'");
    c.check(dumps(Args::new(vec![Py::Bool(true)], vec![])), "'true'");
    c.check(dumps(Args::new(vec![Py::None], vec![])), "'null'");
    c.check(dumps(Args::new(vec![Py::str("abc")], vec![])), "'\"abc\"'");
    c.check(dumps(Args::new(vec![Py::str("\u{e9} \u{fc} \u{2028} \u{1f600} \u{7f} \u{0} \u{1f} \" \\ \u{a} \u{d} \u{9} \u{8} \u{c}")], vec![])), "'\"\\\\u00e9 \\\\u00fc \\\\u2028 \\\\ud83d\\\\ude00 \\\\u007f \\\\u0000 \\\\u001f \\\\\" \\\\\\\\ \\\\n \\\\r \\\\t \\\\b \\\\f\"'");
    c.check(dumps(Args::new(vec![Py::str("\u{e9} \u{1f600} \u{2028} \u{7f} \u{0}")], vec![("ensure_ascii", Py::Bool(false))])), "'\"\u{e9} \u{1f600} \\u2028 \\x7f \\\\u0000\"'");
    c.check(dumps(Args::new(vec![Py::list(vec![])], vec![])), "'[]'");
    c.check(dumps(Args::new(vec![Py::dict(vec![]).unwrap()], vec![])), "'{}'");
    c.check(dumps(Args::new(vec![Py::list(vec![])], vec![("indent", Py::Int(2))])), "'[]'");
    c.check(dumps(Args::new(vec![Py::dict(vec![]).unwrap()], vec![("indent", Py::Int(2))])), "'{}'");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::Int(1), Py::list(vec![Py::Int(2), Py::list(vec![])]), Py::dict(vec![]).unwrap()])], vec![("indent", Py::Int(2))])), "'[\\n  1,\\n  [\\n    2,\\n    []\\n  ],\\n  {}\\n]'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::dict(vec![(Py::str("b"), Py::list(vec![Py::Int(1), Py::Int(2)]))]).unwrap()), (Py::str("c"), Py::dict(vec![]).unwrap())]).unwrap()], vec![("indent", Py::Int(4))])), "'{\\n    \"a\": {\\n        \"b\": [\\n            1,\\n            2\\n        ]\\n    },\\n    \"c\": {}\\n}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::list(vec![Py::Int(1), Py::Int(2)]))]).unwrap()], vec![("indent", Py::str("\u{9}"))])), "'{\\n\\t\"a\": [\\n\\t\\t1,\\n\\t\\t2\\n\\t]\\n}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::list(vec![Py::Int(1), Py::Int(2)]))]).unwrap()], vec![("indent", Py::Int(0))])), "'{\\n\"a\": [\\n1,\\n2\\n]\\n}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::list(vec![Py::Int(1)]))]).unwrap()], vec![("indent", Py::str(""))])), "'{\\n\"a\": [\\n1\\n]\\n}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::Int(1)), (Py::str("b"), Py::Int(2))]).unwrap()], vec![("separators", Py::tuple(vec![Py::str(","), Py::str(":")]))])), "'{\"a\":1,\"b\":2}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::list(vec![Py::Int(1), Py::Int(2)]))]).unwrap()], vec![("indent", Py::Int(2)), ("separators", Py::tuple(vec![Py::str(", "), Py::str(": ")]))])), "'{\\n  \"a\": [\\n    1, \\n    2\\n  ]\\n}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("b"), Py::Int(1)), (Py::str("a"), Py::Int(2)), (Py::str("c"), Py::dict(vec![(Py::str("z"), Py::Int(1)), (Py::str("y"), Py::Int(2))]).unwrap())]).unwrap()], vec![("sort_keys", Py::Bool(true))])), "'{\"a\": 2, \"b\": 1, \"c\": {\"y\": 2, \"z\": 1}}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::Int(1), Py::str("a")), (Py::str("b"), Py::Int(2))]).unwrap()], vec![("sort_keys", Py::Bool(true))])), "TypeError: '<' not supported between instances of 'str' and 'int'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("b"), Py::Int(2)), (Py::Int(1), Py::str("a"))]).unwrap()], vec![("sort_keys", Py::Bool(true))])), "TypeError: '<' not supported between instances of 'int' and 'str'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::Int(1), Py::str("c")), (Py::Float(f64::from_bits(0x4004000000000000)), Py::str("b")), (Py::None, Py::str("d")), (Py::Bool(false), Py::str("e"))]).unwrap()], vec![])), "'{\"1\": \"c\", \"2.5\": \"b\", \"null\": \"d\", \"false\": \"e\"}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::tuple(vec![Py::Int(1), Py::Int(2)]), Py::Int(3))]).unwrap()], vec![])), "TypeError: keys must be str, int, float, bool or None, not tuple");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::tuple(vec![Py::Int(1), Py::Int(2)]), Py::Int(3))]).unwrap()], vec![("skipkeys", Py::Bool(true))])), "'{}'");
    c.check(dumps(Args::new(vec![Py::tuple(vec![Py::Int(1), Py::Int(2)])], vec![])), "'[1, 2]'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("k"), Py::tuple(vec![Py::Int(1), Py::str("x")]))]).unwrap()], vec![("indent", Py::Int(1))])), "'{\\n \"k\": [\\n  1,\\n  \"x\"\\n ]\\n}'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x7ff8000000000000))], vec![])), "'NaN'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x7ff0000000000000))], vec![])), "'Infinity'");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::Float(f64::from_bits(0xfff0000000000000))])], vec![])), "'[-Infinity]'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x7ff8000000000000))], vec![("allow_nan", Py::Bool(false))])), "ValueError: Out of range float values are not JSON compliant");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::Float(f64::from_bits(0x7ff0000000000000))])], vec![("allow_nan", Py::Bool(false)), ("indent", Py::Int(2))])), "ValueError: Out of range float values are not JSON compliant: inf");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::Float(f64::from_bits(0x7ff8000000000000)), Py::Int(1))]).unwrap()], vec![])), "'{\"NaN\": 1}'");
    c.check(dumps(Args::new(vec![Py::Bytes(std::rc::Rc::from(vec![120u8]))], vec![])), "TypeError: Object of type bytes is not JSON serializable");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::Bytes(std::rc::Rc::from(vec![120u8]))])], vec![])), "TypeError: Object of type bytes is not JSON serializable");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::Bytes(std::rc::Rc::from(vec![120u8])))]).unwrap()], vec![("indent", Py::Int(2))])), "TypeError: Object of type bytes is not JSON serializable");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::Int(1), Py::Int(2), Py::Int(3)])], vec![("indent", Py::Int(2))])), "'[\\n  1,\\n  2,\\n  3\\n]'");
    c.check(dumps(Args::new(vec![Py::str("\u{d7ff}\u{e000}\u{ffff}")], vec![])), "'\"\\\\ud7ff\\\\ue000\\\\uffff\"'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("z"), Py::Int(1)), (Py::str("a"), Py::dict(vec![(Py::str("c"), Py::list(vec![Py::Int(3), Py::dict(vec![(Py::str("e"), Py::Int(5)), (Py::str("d"), Py::Int(4))]).unwrap()]))]).unwrap())]).unwrap()], vec![("sort_keys", Py::Bool(true)), ("indent", Py::Int(2))])), "'{\\n  \"a\": {\\n    \"c\": [\\n      3,\\n      {\\n        \"d\": 4,\\n        \"e\": 5\\n      }\\n    ]\\n  },\\n  \"z\": 1\\n}'");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::list(vec![])])], vec![("indent", Py::Int(3))])), "'[\\n   []\\n]'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("a"), Py::None), (Py::str("b"), Py::Bool(true)), (Py::str("c"), Py::list(vec![Py::Bool(false)]))]).unwrap()], vec![("separators", Py::tuple(vec![Py::str(","), Py::str("=")]))])), "'{\"a\"=null,\"b\"=true,\"c\"=[false]}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("x"), Py::Int(1))]).unwrap()], vec![("indent", Py::Bool(true))])), "'{\\n \"x\": 1\\n}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("b"), Py::Int(1)), (Py::str("a"), Py::Int(1)), (Py::str("c"), Py::Int(1)), (Py::str("d"), Py::Int(2))]).unwrap()], vec![("sort_keys", Py::Bool(true))])), "'{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 2}'");
    c.check(dumps(Args::new(vec![Py::dict(vec![(Py::str("\u{e9}"), Py::str("\u{e9}"))]).unwrap()], vec![("ensure_ascii", Py::Bool(false)), ("sort_keys", Py::Bool(true))])), "'{\"\u{e9}\": \"\u{e9}\"}'");
    c.check(dumps(Args::new(vec![Py::list(vec![Py::Int(1), Py::dict(vec![(Py::str("a"), Py::list(vec![Py::Int(2), Py::dict(vec![(Py::str("b"), Py::Int(3))]).unwrap()]))]).unwrap()])], vec![("separators", Py::tuple(vec![Py::str("|"), Py::str(">")]))])), "'[1|{\"a\">[2|{\"b\">3}]}]'");
    c.check(dumps(Args::new(vec![Py::Float(f64::from_bits(0x4029000000000000))], vec![("indent", Py::Int(2))])), "'12.5'");
    c.check(dumps(Args::new(vec![Py::str("")], vec![])), "'\"\"'");
    c.finish();
}

#[test]
fn decode_error_attributes() {
    let e = loads(Args::pos(vec![Py::str("[1,\n  2,\n x]")])).err().unwrap();
    assert!(e.is_instance("ValueError"));
    assert_eq!(e.message(), "Expecting value: line 3 column 2 (char 10)");
    let attrs = e.0.attrs.borrow();
    assert_eq!(attrs["msg"].repr_string(), "'Expecting value'");
    assert_eq!(attrs["pos"].repr_string(), "10");
    assert_eq!(attrs["lineno"].repr_string(), "3");
    assert_eq!(attrs["colno"].repr_string(), "2");
    assert_eq!(attrs["doc"].repr_string(), "'[1,\\n  2,\\n x]'");
}

#[test]
fn dumps_default_and_circular() {
    let default = Py::func("default", |a: Args| Ok(Py::str(&format!("<{}>", a.pos[0].type_name()))));
    let set = Py::set(vec![Py::Int(1)]).unwrap();
    let r = dumps(Args::new(vec![Py::list(vec![set, Py::Int(2)])], vec![("default", default)])).unwrap();
    assert_eq!(r.repr_string(), "'[\"<set>\", 2]'");
    let set = Py::set(vec![Py::Int(1)]).unwrap();
    let e = dumps(Args::pos(vec![set])).err().unwrap();
    assert_eq!(format!("{e}"), "TypeError: Object of type set is not JSON serializable");
    let l = Py::list(vec![]);
    if let Py::List(inner) = &l {
        inner.borrow_mut().push(l.clone());
    }
    let e = dumps(Args::pos(vec![l.clone()])).err().unwrap();
    assert_eq!(format!("{e}"), "ValueError: Circular reference detected");
    if let Py::List(inner) = &l {
        inner.borrow_mut().clear();
    }
    let e = dumps(Args::pos(vec![Py::Int(1), Py::Int(2)])).err().unwrap();
    assert_eq!(format!("{e}"), "TypeError: dumps() takes 1 positional argument but 2 were given");
}

