//! The Python standard library as the converter knows it: a table from qualified Python
//! names to the `pyrt` item that implements them. Knowledge as data: supporting a new
//! function is one row here plus its implementation in `pyrt`.

/// What a qualified Python name turns into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StdItem {
    /// A module (`json`, `os.path`): only its attributes are usable.
    Module,
    /// A function `fn(Args) -> PyResult<Py>` at this path under `py::`.
    Function(&'static str),
    /// A value `fn() -> Py` at this path under `py::`.
    Value(&'static str),
    /// An integer constant (`logging.INFO`).
    Int(i64),
    /// An exception class: the static under `py::exc` and its Python name.
    Exception(&'static str),
    /// Names that only matter to type checkers (`typing.Dict`): allowed in annotations.
    TypingOnly,
}

/// The modules a handler may import. Anything else is a diagnostic.
pub const MODULES: &[&str] = &[
    "json",
    "os",
    "os.path",
    "logging",
    "base64",
    "binascii",
    "gzip",
    "urllib",
    "urllib.parse",
    "datetime",
    "math",
    "copy",
    "typing",
    "typing_extensions",
    "__future__",
    "dataclasses",
    "re",
    "collections",
    "hashlib",
    "hmac",
    "uuid",
    "time",
    "functools",
    "itertools",
    "string",
    "decimal",
    "contextlib",
    "enum",
    "abc",
    "zlib",
    "operator",
    "heapq",
    "bisect",
    "statistics",
    "calendar",
    "html",
    "fnmatch",
    "io",
    "csv",
];

const TABLE: &[(&str, StdItem)] = &[
    // urllib.parse URL functions, uuid3/5, the rest of math, lazy itertools.
    (
        "urllib.parse.urlparse",
        StdItem::Function("urllib::urlparse"),
    ),
    (
        "urllib.parse.urlsplit",
        StdItem::Function("urllib::urlsplit"),
    ),
    (
        "urllib.parse.urlunparse",
        StdItem::Function("urllib::urlunparse"),
    ),
    (
        "urllib.parse.urlunsplit",
        StdItem::Function("urllib::urlunsplit"),
    ),
    ("urllib.parse.urljoin", StdItem::Function("urllib::urljoin")),
    (
        "urllib.parse.urldefrag",
        StdItem::Function("urllib::urldefrag"),
    ),
    (
        "urllib.parse.quote_from_bytes",
        StdItem::Function("urllib::quote_from_bytes"),
    ),
    (
        "urllib.parse.unquote_to_bytes",
        StdItem::Function("urllib::unquote_to_bytes"),
    ),
    ("uuid.uuid3", StdItem::Function("uuid::uuid3")),
    ("uuid.uuid5", StdItem::Function("uuid::uuid5")),
    ("uuid.NAMESPACE_DNS", StdItem::Value("uuid::namespace_dns")),
    ("uuid.NAMESPACE_URL", StdItem::Value("uuid::namespace_url")),
    ("uuid.NAMESPACE_OID", StdItem::Value("uuid::namespace_oid")),
    (
        "uuid.NAMESPACE_X500",
        StdItem::Value("uuid::namespace_x500"),
    ),
    ("math.gcd", StdItem::Function("math::gcd")),
    ("math.lcm", StdItem::Function("math::lcm")),
    ("math.prod", StdItem::Function("math::prod")),
    ("math.fsum", StdItem::Function("math::fsum")),
    ("math.hypot", StdItem::Function("math::hypot")),
    ("math.dist", StdItem::Function("math::dist")),
    ("math.comb", StdItem::Function("math::comb")),
    ("math.perm", StdItem::Function("math::perm")),
    ("math.factorial", StdItem::Function("math::factorial")),
    ("math.isqrt", StdItem::Function("math::isqrt")),
    ("math.copysign", StdItem::Function("math::copysign")),
    ("math.fmod", StdItem::Function("math::fmod")),
    ("math.remainder", StdItem::Function("math::remainder")),
    ("math.modf", StdItem::Function("math::modf")),
    ("math.frexp", StdItem::Function("math::frexp")),
    ("math.ldexp", StdItem::Function("math::ldexp")),
    ("math.log2", StdItem::Function("math::log2")),
    ("math.log10", StdItem::Function("math::log10")),
    ("math.log1p", StdItem::Function("math::log1p")),
    ("math.expm1", StdItem::Function("math::expm1")),
    ("math.exp2", StdItem::Function("math::exp2")),
    ("math.cbrt", StdItem::Function("math::cbrt")),
    ("math.degrees", StdItem::Function("math::degrees")),
    ("math.radians", StdItem::Function("math::radians")),
    ("math.isfinite", StdItem::Function("math::isfinite")),
    ("math.sin", StdItem::Function("math::sin")),
    ("math.cos", StdItem::Function("math::cos")),
    ("math.tan", StdItem::Function("math::tan")),
    ("math.asin", StdItem::Function("math::asin")),
    ("math.acos", StdItem::Function("math::acos")),
    ("math.atan", StdItem::Function("math::atan")),
    ("math.atan2", StdItem::Function("math::atan2")),
    ("math.sinh", StdItem::Function("math::sinh")),
    ("math.cosh", StdItem::Function("math::cosh")),
    ("math.tanh", StdItem::Function("math::tanh")),
    ("math.asinh", StdItem::Function("math::asinh")),
    ("math.acosh", StdItem::Function("math::acosh")),
    ("math.atanh", StdItem::Function("math::atanh")),
    ("math.tau", StdItem::Value("math::tau")),
    (
        "itertools.pairwise",
        StdItem::Function("itertools::pairwise"),
    ),
    (
        "itertools.takewhile",
        StdItem::Function("itertools::takewhile"),
    ),
    (
        "itertools.dropwhile",
        StdItem::Function("itertools::dropwhile"),
    ),
    (
        "itertools.filterfalse",
        StdItem::Function("itertools::filterfalse"),
    ),
    ("itertools.starmap", StdItem::Function("itertools::starmap")),
    (
        "itertools.compress",
        StdItem::Function("itertools::compress"),
    ),
    ("itertools.cycle", StdItem::Function("itertools::cycle")),
    ("itertools.tee", StdItem::Function("itertools::tee")),
    ("json.loads", StdItem::Function("json::loads")),
    ("json.dumps", StdItem::Function("json::dumps")),
    (
        "json.JSONDecodeError",
        StdItem::Exception("JSON_DECODE_ERROR"),
    ),
    (
        "json.decoder.JSONDecodeError",
        StdItem::Exception("JSON_DECODE_ERROR"),
    ),
    ("os.environ", StdItem::Value("os::environ")),
    ("os.getenv", StdItem::Function("os::getenv")),
    ("os.path.basename", StdItem::Function("os::path_basename")),
    ("os.path.dirname", StdItem::Function("os::path_dirname")),
    ("os.path.join", StdItem::Function("os::path_join")),
    ("os.path.splitext", StdItem::Function("os::path_splitext")),
    (
        "logging.getLogger",
        StdItem::Function("logging::get_logger"),
    ),
    (
        "logging.basicConfig",
        StdItem::Function("logging::basic_config"),
    ),
    ("logging.debug", StdItem::Function("logging::debug")),
    ("logging.info", StdItem::Function("logging::info")),
    ("logging.warning", StdItem::Function("logging::warning")),
    ("logging.error", StdItem::Function("logging::error")),
    ("logging.exception", StdItem::Function("logging::exception")),
    ("logging.critical", StdItem::Function("logging::critical")),
    ("logging.DEBUG", StdItem::Int(10)),
    ("logging.INFO", StdItem::Int(20)),
    ("logging.WARNING", StdItem::Int(30)),
    ("logging.WARN", StdItem::Int(30)),
    ("logging.ERROR", StdItem::Int(40)),
    ("logging.CRITICAL", StdItem::Int(50)),
    ("base64.b64decode", StdItem::Function("base64::b64decode")),
    ("base64.b64encode", StdItem::Function("base64::b64encode")),
    (
        "base64.urlsafe_b64decode",
        StdItem::Function("base64::urlsafe_b64decode"),
    ),
    (
        "base64.urlsafe_b64encode",
        StdItem::Function("base64::urlsafe_b64encode"),
    ),
    (
        "base64.standard_b64decode",
        StdItem::Function("base64::standard_b64decode"),
    ),
    (
        "base64.standard_b64encode",
        StdItem::Function("base64::standard_b64encode"),
    ),
    ("binascii.Error", StdItem::Exception("BINASCII_ERROR")),
    ("gzip.decompress", StdItem::Function("gzip::decompress")),
    ("gzip.compress", StdItem::Function("gzip::compress")),
    ("gzip.BadGzipFile", StdItem::Exception("BAD_GZIP_FILE")),
    (
        "zlib.decompress",
        StdItem::Function("gzip::zlib_decompress"),
    ),
    ("zlib.compress", StdItem::Function("gzip::zlib_compress")),
    ("zlib.crc32", StdItem::Function("gzip::crc32")),
    ("zlib.adler32", StdItem::Function("gzip::adler32")),
    ("zlib.error", StdItem::Exception("ZLIB_ERROR")),
    ("zlib.MAX_WBITS", StdItem::Int(15)),
    ("zlib.DEFLATED", StdItem::Int(8)),
    ("zlib.Z_BEST_SPEED", StdItem::Int(1)),
    ("zlib.Z_BEST_COMPRESSION", StdItem::Int(9)),
    ("zlib.Z_DEFAULT_COMPRESSION", StdItem::Int(-1)),
    ("urllib.parse", StdItem::Module),
    (
        "urllib.parse.unquote_plus",
        StdItem::Function("urllib::unquote_plus"),
    ),
    ("urllib.parse.unquote", StdItem::Function("urllib::unquote")),
    ("urllib.parse.quote", StdItem::Function("urllib::quote")),
    (
        "urllib.parse.quote_plus",
        StdItem::Function("urllib::quote_plus"),
    ),
    (
        "urllib.parse.urlencode",
        StdItem::Function("urllib::urlencode"),
    ),
    (
        "urllib.parse.parse_qs",
        StdItem::Function("urllib::parse_qs"),
    ),
    (
        "urllib.parse.parse_qsl",
        StdItem::Function("urllib::parse_qsl"),
    ),
    (
        "datetime.datetime",
        StdItem::Value("datetime::datetime_type"),
    ),
    ("datetime.date", StdItem::Value("datetime::date_type")),
    ("datetime.time", StdItem::Value("datetime::time_type")),
    (
        "datetime.timedelta",
        StdItem::Value("datetime::timedelta_type"),
    ),
    (
        "datetime.timezone",
        StdItem::Value("datetime::timezone_type"),
    ),
    ("math.floor", StdItem::Function("math::floor")),
    ("math.ceil", StdItem::Function("math::ceil")),
    ("math.sqrt", StdItem::Function("math::sqrt")),
    ("math.fabs", StdItem::Function("math::fabs")),
    ("math.isclose", StdItem::Function("math::isclose")),
    ("math.log", StdItem::Function("math::log")),
    ("math.exp", StdItem::Function("math::exp")),
    ("math.pow", StdItem::Function("math::pow")),
    ("math.trunc", StdItem::Function("math::trunc")),
    ("math.isnan", StdItem::Function("math::isnan")),
    ("math.isinf", StdItem::Function("math::isinf")),
    ("math.inf", StdItem::Value("math::inf")),
    ("math.nan", StdItem::Value("math::nan")),
    ("math.pi", StdItem::Value("math::pi")),
    ("math.e", StdItem::Value("math::e")),
    ("copy.deepcopy", StdItem::Function("copy::deepcopy")),
    ("dataclasses.asdict", StdItem::Function("class::asdict")),
    ("dataclasses.replace", StdItem::Function("class::replace")),
    ("dataclasses.fields", StdItem::Function("class::fields")),
    // Only meaningful as a decorator / in a class body; handled by the class lowering.
    ("dataclasses.dataclass", StdItem::TypingOnly),
    ("dataclasses.field", StdItem::TypingOnly),
    (
        "dataclasses.FrozenInstanceError",
        StdItem::Exception("FROZEN_INSTANCE_ERROR"),
    ),
    // Class and method decorators / bases; handled by the class lowering.
    ("abc.ABC", StdItem::TypingOnly),
    ("typing.NamedTuple", StdItem::TypingOnly),
    ("typing.TypedDict", StdItem::TypingOnly),
    ("typing_extensions.TypedDict", StdItem::TypingOnly),
    ("abc.abstractmethod", StdItem::TypingOnly),
    ("functools.total_ordering", StdItem::TypingOnly),
    ("functools.cached_property", StdItem::TypingOnly),
    // Bases, `auto()` and `@unique` of enum classes; handled by the class lowering.
    ("enum.Enum", StdItem::TypingOnly),
    ("enum.IntEnum", StdItem::TypingOnly),
    ("enum.StrEnum", StdItem::TypingOnly),
    ("enum.auto", StdItem::TypingOnly),
    ("enum.unique", StdItem::TypingOnly),
    ("copy.copy", StdItem::Function("copy::copy")),
    (
        "contextlib.suppress",
        StdItem::Function("contextlib::suppress"),
    ),
    (
        "contextlib.nullcontext",
        StdItem::Function("contextlib::nullcontext"),
    ),
    ("re.compile", StdItem::Function("re::compile")),
    ("re.match", StdItem::Function("re::r#match")),
    ("re.search", StdItem::Function("re::search")),
    ("re.fullmatch", StdItem::Function("re::fullmatch")),
    ("re.findall", StdItem::Function("re::findall")),
    ("re.finditer", StdItem::Function("re::finditer")),
    ("re.sub", StdItem::Function("re::sub")),
    ("re.subn", StdItem::Function("re::subn")),
    ("re.split", StdItem::Function("re::split")),
    ("re.escape", StdItem::Function("re::escape")),
    ("re.purge", StdItem::Function("re::purge")),
    ("re.error", StdItem::Exception("RE_ERROR")),
    ("re.NOFLAG", StdItem::Int(0)),
    ("re.IGNORECASE", StdItem::Int(2)),
    ("re.I", StdItem::Int(2)),
    ("re.LOCALE", StdItem::Int(4)),
    ("re.L", StdItem::Int(4)),
    ("re.MULTILINE", StdItem::Int(8)),
    ("re.M", StdItem::Int(8)),
    ("re.DOTALL", StdItem::Int(16)),
    ("re.S", StdItem::Int(16)),
    ("re.UNICODE", StdItem::Int(32)),
    ("re.U", StdItem::Int(32)),
    ("re.VERBOSE", StdItem::Int(64)),
    ("re.X", StdItem::Int(64)),
    ("re.ASCII", StdItem::Int(256)),
    ("re.A", StdItem::Int(256)),
    (
        "collections.defaultdict",
        StdItem::Value("collections::defaultdict_type"),
    ),
    (
        "collections.Counter",
        StdItem::Value("collections::counter_type"),
    ),
    (
        "collections.OrderedDict",
        StdItem::Value("collections::ordereddict_type"),
    ),
    ("collections.deque", StdItem::Value("deque::deque_type")),
    (
        "collections.namedtuple",
        StdItem::Function("collections::namedtuple"),
    ),
    ("hashlib.md5", StdItem::Function("hashlib::md5")),
    ("hashlib.sha1", StdItem::Function("hashlib::sha1")),
    ("hashlib.sha224", StdItem::Function("hashlib::sha224")),
    ("hashlib.sha256", StdItem::Function("hashlib::sha256")),
    ("hashlib.sha384", StdItem::Function("hashlib::sha384")),
    ("hashlib.sha512", StdItem::Function("hashlib::sha512")),
    ("hashlib.new", StdItem::Function("hashlib::new")),
    ("hmac.new", StdItem::Function("hashlib::hmac_new")),
    ("hmac.digest", StdItem::Function("hashlib::hmac_digest")),
    (
        "hmac.compare_digest",
        StdItem::Function("hashlib::compare_digest"),
    ),
    ("uuid.uuid4", StdItem::Function("uuid::uuid4")),
    ("uuid.UUID", StdItem::Value("uuid::uuid_type")),
    ("time.time", StdItem::Function("time::time")),
    ("time.time_ns", StdItem::Function("time::time_ns")),
    ("time.monotonic", StdItem::Function("time::monotonic")),
    ("time.perf_counter", StdItem::Function("time::perf_counter")),
    ("time.sleep", StdItem::Function("time::sleep")),
    ("functools.reduce", StdItem::Function("functools::reduce")),
    ("functools.partial", StdItem::Function("functools::partial")),
    ("functools.wraps", StdItem::Function("functools::wraps")),
    (
        "operator.itemgetter",
        StdItem::Function("operator::itemgetter"),
    ),
    (
        "operator.attrgetter",
        StdItem::Function("operator::attrgetter"),
    ),
    (
        "operator.methodcaller",
        StdItem::Function("operator::methodcaller"),
    ),
    ("operator.add", StdItem::Function("operator::add")),
    ("operator.sub", StdItem::Function("operator::sub")),
    ("operator.mul", StdItem::Function("operator::mul")),
    ("operator.truediv", StdItem::Function("operator::truediv")),
    ("operator.floordiv", StdItem::Function("operator::floordiv")),
    ("operator.lt", StdItem::Function("operator::lt")),
    ("operator.le", StdItem::Function("operator::le")),
    ("operator.gt", StdItem::Function("operator::gt")),
    ("operator.ge", StdItem::Function("operator::ge")),
    ("operator.eq", StdItem::Function("operator::eq")),
    ("operator.ne", StdItem::Function("operator::ne")),
    ("operator.mod", StdItem::Function("operator::mod_")),
    ("heapq.nlargest", StdItem::Function("operator::nlargest")),
    ("heapq.nsmallest", StdItem::Function("operator::nsmallest")),
    ("heapq.heappush", StdItem::Function("heapq::heappush")),
    ("heapq.heappop", StdItem::Function("heapq::heappop")),
    ("heapq.heapify", StdItem::Function("heapq::heapify")),
    ("heapq.heappushpop", StdItem::Function("heapq::heappushpop")),
    ("heapq.heapreplace", StdItem::Function("heapq::heapreplace")),
    (
        "bisect.bisect_left",
        StdItem::Function("bisect::bisect_left"),
    ),
    (
        "bisect.bisect_right",
        StdItem::Function("bisect::bisect_right"),
    ),
    ("bisect.bisect", StdItem::Function("bisect::bisect_right")),
    (
        "bisect.insort_left",
        StdItem::Function("bisect::insort_left"),
    ),
    (
        "bisect.insort_right",
        StdItem::Function("bisect::insort_right"),
    ),
    ("bisect.insort", StdItem::Function("bisect::insort_right")),
    ("statistics.mean", StdItem::Function("statistics::mean")),
    ("statistics.fmean", StdItem::Function("statistics::fmean")),
    ("statistics.median", StdItem::Function("statistics::median")),
    (
        "statistics.median_low",
        StdItem::Function("statistics::median_low"),
    ),
    (
        "statistics.median_high",
        StdItem::Function("statistics::median_high"),
    ),
    ("statistics.mode", StdItem::Function("statistics::mode")),
    (
        "statistics.multimode",
        StdItem::Function("statistics::multimode"),
    ),
    (
        "statistics.variance",
        StdItem::Function("statistics::variance"),
    ),
    (
        "statistics.pvariance",
        StdItem::Function("statistics::pvariance"),
    ),
    ("statistics.stdev", StdItem::Function("statistics::stdev")),
    ("statistics.pstdev", StdItem::Function("statistics::pstdev")),
    ("calendar.isleap", StdItem::Function("calendar::isleap")),
    (
        "calendar.monthrange",
        StdItem::Function("calendar::monthrange"),
    ),
    (
        "calendar.IllegalMonthError",
        StdItem::Exception("ILLEGAL_MONTH_ERROR"),
    ),
    ("html.escape", StdItem::Function("html::escape")),
    ("fnmatch.fnmatch", StdItem::Function("fnmatch::fnmatch")),
    (
        "fnmatch.fnmatchcase",
        StdItem::Function("fnmatch::fnmatchcase"),
    ),
    ("fnmatch.filter", StdItem::Function("fnmatch::filter")),
    ("os.path.split", StdItem::Function("os::path_split")),
    ("os.path.normpath", StdItem::Function("os::path_normpath")),
    (
        "functools.cmp_to_key",
        StdItem::Function("functools::cmp_to_key"),
    ),
    (
        "statistics.StatisticsError",
        StdItem::Exception("STATISTICS_ERROR"),
    ),
    (
        "functools.lru_cache",
        StdItem::Function("functools::lru_cache"),
    ),
    ("functools.cache", StdItem::Function("functools::cache")),
    ("itertools.chain", StdItem::Function("itertools::chain")),
    ("itertools.islice", StdItem::Function("itertools::islice")),
    ("itertools.groupby", StdItem::Function("itertools::groupby")),
    ("itertools.product", StdItem::Function("itertools::product")),
    (
        "itertools.combinations",
        StdItem::Function("itertools::combinations"),
    ),
    (
        "itertools.permutations",
        StdItem::Function("itertools::permutations"),
    ),
    (
        "itertools.accumulate",
        StdItem::Function("itertools::accumulate"),
    ),
    ("itertools.count", StdItem::Function("itertools::count")),
    ("itertools.repeat", StdItem::Function("itertools::repeat")),
    (
        "itertools.zip_longest",
        StdItem::Function("itertools::zip_longest"),
    ),
    (
        "itertools.chain.from_iterable",
        StdItem::Function("itertools::chain_from_iterable"),
    ),
    ("decimal.Decimal", StdItem::Value("decimal::decimal_type")),
    ("decimal.ROUND_DOWN", StdItem::Value("decimal::round_down")),
    (
        "decimal.ROUND_HALF_UP",
        StdItem::Value("decimal::round_half_up"),
    ),
    (
        "decimal.ROUND_HALF_EVEN",
        StdItem::Value("decimal::round_half_even"),
    ),
    (
        "decimal.ROUND_CEILING",
        StdItem::Value("decimal::round_ceiling"),
    ),
    (
        "decimal.ROUND_FLOOR",
        StdItem::Value("decimal::round_floor"),
    ),
    ("decimal.ROUND_UP", StdItem::Value("decimal::round_up")),
    (
        "decimal.ROUND_HALF_DOWN",
        StdItem::Value("decimal::round_half_down"),
    ),
    ("decimal.ROUND_05UP", StdItem::Value("decimal::round_05up")),
    (
        "decimal.DecimalException",
        StdItem::Exception("DECIMAL_EXCEPTION"),
    ),
    (
        "decimal.InvalidOperation",
        StdItem::Exception("INVALID_OPERATION"),
    ),
    (
        "decimal.DivisionByZero",
        StdItem::Exception("DIVISION_BY_ZERO"),
    ),
    ("decimal.Overflow", StdItem::Exception("DECIMAL_OVERFLOW")),
    (
        "string.ascii_letters",
        StdItem::Value("functools::ascii_letters"),
    ),
    (
        "string.ascii_lowercase",
        StdItem::Value("functools::ascii_lowercase"),
    ),
    (
        "string.ascii_uppercase",
        StdItem::Value("functools::ascii_uppercase"),
    ),
    ("string.digits", StdItem::Value("functools::digits")),
    ("string.hexdigits", StdItem::Value("functools::hexdigits")),
    ("string.octdigits", StdItem::Value("functools::octdigits")),
    (
        "string.punctuation",
        StdItem::Value("functools::punctuation"),
    ),
    ("string.whitespace", StdItem::Value("functools::whitespace")),
    ("string.printable", StdItem::Value("functools::printable")),
    ("io.StringIO", StdItem::Value("io::string_io_type")),
    ("csv.reader", StdItem::Function("csv::reader")),
    ("csv.writer", StdItem::Function("csv::writer")),
    ("csv.DictReader", StdItem::Function("csv::dict_reader")),
    ("csv.DictWriter", StdItem::Function("csv::dict_writer")),
    ("csv.QUOTE_MINIMAL", StdItem::Int(0)),
    ("csv.QUOTE_ALL", StdItem::Int(1)),
    ("csv.QUOTE_NONNUMERIC", StdItem::Int(2)),
    ("csv.QUOTE_NONE", StdItem::Int(3)),
    ("csv.Error", StdItem::Exception("CSV_ERROR")),
];

/// Look up a qualified name such as `json.loads` or `urllib.parse.unquote_plus`.
pub fn lookup(qualified: &str) -> Option<StdItem> {
    if MODULES.contains(&qualified) {
        return Some(StdItem::Module);
    }
    if qualified.starts_with("typing.") || qualified.starts_with("typing_extensions.") {
        return Some(StdItem::TypingOnly);
    }
    TABLE
        .iter()
        .find(|(name, _)| *name == qualified)
        .map(|(_, item)| *item)
}

/// Python builtins the runtime implements as `py::builtins::<name>`.
pub const BUILTIN_FUNCTIONS: &[&str] = &[
    "len",
    "repr",
    "sorted",
    "reversed",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "enumerate",
    "zip",
    "range",
    "next",
    "iter",
    "isinstance",
    "abs",
    "round",
    "divmod",
    "filter",
    "map",
    "print",
    "hasattr",
    "getattr",
    "chr",
    "ord",
    "hex",
    "oct",
    "bin",
    "callable",
    "format",
    "pow",
    "hash",
    "id",
    "ascii",
    "setattr",
];

/// Builtin types: callable (construct/convert) and usable with `isinstance`.
pub const BUILTIN_TYPES: &[&str] = &[
    "int",
    "str",
    "float",
    "bool",
    "list",
    "dict",
    "set",
    "tuple",
    "frozenset",
    "bytes",
    "object",
    "type",
];

/// Builtin exception classes known to the runtime (`py::exc::<UPPER_SNAKE>`).
pub const BUILTIN_EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", "BASE_EXCEPTION"),
    ("Exception", "EXCEPTION"),
    ("ArithmeticError", "ARITHMETIC_ERROR"),
    ("ZeroDivisionError", "ZERO_DIVISION_ERROR"),
    ("OverflowError", "OVERFLOW_ERROR"),
    ("AssertionError", "ASSERTION_ERROR"),
    ("AttributeError", "ATTRIBUTE_ERROR"),
    ("LookupError", "LOOKUP_ERROR"),
    ("KeyError", "KEY_ERROR"),
    ("IndexError", "INDEX_ERROR"),
    ("NameError", "NAME_ERROR"),
    ("NotImplementedError", "NOT_IMPLEMENTED_ERROR"),
    ("RuntimeError", "RUNTIME_ERROR"),
    ("RecursionError", "RECURSION_ERROR"),
    ("StopIteration", "STOP_ITERATION"),
    ("TypeError", "TYPE_ERROR"),
    ("ValueError", "VALUE_ERROR"),
    ("UnicodeError", "UNICODE_ERROR"),
    ("UnicodeDecodeError", "UNICODE_DECODE_ERROR"),
    ("UnicodeEncodeError", "UNICODE_ENCODE_ERROR"),
    ("OSError", "OS_ERROR"),
    ("FileNotFoundError", "FILE_NOT_FOUND_ERROR"),
    ("TimeoutError", "TIMEOUT_ERROR"),
    ("ConnectionError", "CONNECTION_ERROR"),
    ("PermissionError", "PERMISSION_ERROR"),
];

/// The MRO (class first) of a builtin exception, as in CPython.
pub fn builtin_exception_mro(name: &str) -> Option<Vec<&'static str>> {
    let parent = |n: &str| -> Option<&'static str> {
        Some(match n {
            "BaseException" => return None,
            "Exception" => "BaseException",
            "ArithmeticError" | "AssertionError" | "AttributeError" | "LookupError"
            | "NameError" | "RuntimeError" | "StopIteration" | "TypeError" | "ValueError"
            | "OSError" => "Exception",
            "ZeroDivisionError" | "OverflowError" => "ArithmeticError",
            "KeyError" | "IndexError" => "LookupError",
            "NotImplementedError" | "RecursionError" => "RuntimeError",
            "UnicodeError" | "JSONDecodeError" => "ValueError",
            "UnicodeDecodeError" | "UnicodeEncodeError" => "UnicodeError",
            "FileNotFoundError" | "TimeoutError" | "ConnectionError" | "PermissionError"
            | "BadGzipFile" => "OSError",
            _ => return None,
        })
    };
    let (canonical, _) = BUILTIN_EXCEPTIONS
        .iter()
        .chain([("JSONDecodeError", ""), ("BadGzipFile", "")].iter())
        .find(|(n, _)| *n == name)?;
    let mut mro = vec![*canonical];
    let mut cur = *canonical;
    while let Some(p) = parent(cur) {
        mro.push(p);
        cur = p;
    }
    Some(mro)
}

#[cfg(test)]
mod tests {
    /// Generated code calls `py::builtins::<name>` for every builtin function and type:
    /// each must exist in pyrt (`type` is the raw identifier `r#type`).
    #[test]
    fn builtins_exist_in_the_runtime() {
        let text = include_str!("../../pyrt/src/builtins.rs");
        let missing: Vec<&str> = super::BUILTIN_FUNCTIONS
            .iter()
            .chain(super::BUILTIN_TYPES)
            .copied()
            .filter(|n| {
                !text.contains(&format!("pub fn {n}(a: Args)"))
                    && !text.contains(&format!("pub fn r#{n}(a: Args)"))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "no pyrt::builtins function for {missing:?}"
        );
    }
}
