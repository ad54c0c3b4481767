//! The Lambda context object handed to the handler, with the attributes and method of
//! the Python runtime's `LambdaContext`.

use std::any::Any;

use super::value::*;

#[derive(Clone, Debug)]
pub struct LambdaContext {
    pub aws_request_id: String,
    pub invoked_function_arn: String,
    /// Deadline, epoch milliseconds.
    pub deadline_ms: u64,
    pub function_name: String,
    pub function_version: String,
    pub memory_limit_in_mb: i64,
    pub log_group_name: String,
    pub log_stream_name: String,
}

impl LambdaContext {
    /// The per-invocation fields from the Runtime API, the rest from the environment the
    /// Lambda service sets.
    pub fn from_env(aws_request_id: String, invoked_function_arn: String, deadline_ms: u64) -> LambdaContext {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        LambdaContext {
            aws_request_id,
            invoked_function_arn,
            deadline_ms,
            function_name: var("AWS_LAMBDA_FUNCTION_NAME"),
            function_version: var("AWS_LAMBDA_FUNCTION_VERSION"),
            memory_limit_in_mb: var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").trim().parse().unwrap_or(0),
            log_group_name: var("AWS_LAMBDA_LOG_GROUP_NAME"),
            log_stream_name: var("AWS_LAMBDA_LOG_STREAM_NAME"),
        }
    }

    pub fn into_py(self) -> Py {
        Py::Object(std::rc::Rc::new(self))
    }

    /// Milliseconds left before the deadline (never negative).
    pub fn remaining_ms(&self) -> i64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        (self.deadline_ms as i64 - now).max(0)
    }
}

impl Object for LambdaContext {
    fn type_name(&self) -> &str {
        "LambdaContext"
    }
    fn getattr(&self, _this: &Py, name: &str) -> Option<PyResult<Py>> {
        Some(Ok(match name {
            "aws_request_id" => Py::str(&self.aws_request_id),
            "invoked_function_arn" => Py::str(&self.invoked_function_arn),
            "function_name" => Py::str(&self.function_name),
            "function_version" => Py::str(&self.function_version),
            "memory_limit_in_mb" => Py::Int(self.memory_limit_in_mb),
            "log_group_name" => Py::str(&self.log_group_name),
            "log_stream_name" => Py::str(&self.log_stream_name),
            "identity" | "client_context" | "tenant_id" => Py::None,
            _ => return None,
        }))
    }
    fn setattr(&self, _this: &Py, name: &str, _value: Py) -> PyResult<()> {
        Err(PyErr::msg(
            &exc::ATTRIBUTE_ERROR,
            format!("'LambdaContext' object attribute '{name}' is read-only"),
        ))
    }
    fn call_method(&self, _this: &Py, name: &str, args: Args) -> Option<PyResult<Py>> {
        match name {
            "get_remaining_time_in_millis" => Some(
                args.bind("get_remaining_time_in_millis", [], 0).map(|_| Py::Int(self.remaining_ms())),
            ),
            _ => None,
        }
    }
    fn repr(&self) -> String {
        format!(
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context=None,identity=None,tenant_id=None])",
            self.aws_request_id,
            self.log_group_name,
            self.log_stream_name,
            self.function_name,
            self.memory_limit_in_mb,
            self.function_version,
            self.invoked_function_arn
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
