//! A variable shared between a function and the nested functions that declare it
//! `nonlocal`: both read and write the one value, as Python's closure cells do.

use std::cell::RefCell;
use std::rc::Rc;

use super::value::*;

#[derive(Clone)]
pub struct Cell(Rc<RefCell<Py>>);

impl Cell {
    pub fn new(value: Py) -> Cell {
        Cell(Rc::new(RefCell::new(value)))
    }

    pub fn get(&self) -> Py {
        self.0.borrow().clone()
    }

    pub fn set(&self, value: Py) {
        *self.0.borrow_mut() = value;
    }
}
