//! Generator functions run lazily and interleave with their consumer, as in Python.

use std::cell::RefCell;
use std::rc::Rc;

use pyrt::*;

#[test]
fn the_body_runs_only_as_far_as_the_consumer_asks() {
    let log = Rc::new(RefCell::new(Vec::<String>::new()));
    let body_log = log.clone();
    let generator = generator_function(move |yielder| async move {
        body_log.borrow_mut().push("start".into());
        for i in 0..3 {
            body_log.borrow_mut().push(format!("yield {i}"));
            yielder.send(Py::Int(i)).await;
        }
        body_log.borrow_mut().push("end".into());
        Ok(Py::None)
    });
    assert!(log.borrow().is_empty(), "calling a generator function runs none of its body");
    let mut items = generator.iter().unwrap();
    assert_eq!(items.next().unwrap().unwrap().repr_string(), "0");
    assert_eq!(*log.borrow(), ["start", "yield 0"]);
    let rest: Vec<String> = items.map(|v| v.unwrap().repr_string()).collect();
    assert_eq!(rest, ["1", "2"]);
    assert_eq!(*log.borrow(), ["start", "yield 0", "yield 1", "yield 2", "end"]);
}

#[test]
fn an_exception_comes_after_the_items_yielded_before_it() {
    let generator = generator_function(|yielder| async move {
        yielder.send(Py::Int(1)).await;
        Err(PyErr::msg(&exc::VALUE_ERROR, "boom"))
    });
    let mut items = generator.iter().unwrap();
    assert_eq!(items.next().unwrap().unwrap().repr_string(), "1");
    let err = items.next().unwrap().unwrap_err();
    assert_eq!((err.error_type().to_string(), err.message()), ("ValueError".to_string(), "boom".to_string()));
    assert!(items.next().is_none(), "a generator that raised is exhausted");
}

#[test]
fn an_endless_generator_serves_a_consumer_that_stops() {
    let generator = generator_function(|yielder| async move {
        let mut n = 0;
        loop {
            yielder.send(Py::Int(n)).await;
            n += 1;
        }
    });
    let first: Vec<String> = generator.iter().unwrap().take(4).map(|v| v.unwrap().repr_string()).collect();
    assert_eq!(first, ["0", "1", "2", "3"]);
}
