# R1MLNet code-reward harness. Two processes, so that the candidate never runs code where the verdict is made:
#   judge:  python3 -I -B python_harness.py [job.json]   stdin: the run's nonce on one line, then the job (unless a file is named)
#   worker: python3 -I -B python_harness.py --worker     started by the judge; runs the candidate program, nothing else
# Job: {"code", "tests", "entry_point" (or null), "split" (bool), "limits": {"as","cpu","nproc","fsize","nofile","core"}}
# The judge runs the tests (trusted) in its own interpreter. The functions the candidate defines are proxies: each call sends
# its arguments to the worker as plain data, the worker calls the real function and sends back its return value as plain data
# (exact built-in types only, checked recursively: None, bool, int, float, complex, str, bytes, list, tuple, dict, set,
# frozenset), and the judge rebuilds fresh built-in objects from it, so every comparison runs on objects the candidate never
# touched. The worker holds no secret: it never sees the tests, the nonce or the report channel (the judge's stdout), and the
# judge is made non-dumpable so the worker cannot read its memory or file descriptors through /proc or ptrace.
# Reports on the judge's stdout, one line each, prefixed by the nonce:
#   <nonce> LIMIT <warning> | <nonce> TESTS <n> | <nonce> RESULT <i> PASS|FAIL <reason> | <nonce> ERROR <reason> | <nonce> DONE
#   <nonce> SANDBOX <reason>   the judge cannot run safely here (scored "not applicable"; only ever sent before TESTS)
import ast
import builtins
import json
import os
import resource
import subprocess
import sys

MAX_DEPTH = 64
MAX_MESSAGE = 16 << 20
# Exceptions the candidate may raise by name (the judge raises its own built-in class with the message as plain text).
EXCEPTIONS = {e.__name__: e for e in (ValueError, TypeError, IndexError, KeyError, ZeroDivisionError, AssertionError, RuntimeError,
                                      ArithmeticError, OverflowError, AttributeError, NotImplementedError, LookupError)}


class CandidateError(Exception):
    """A candidate call that did not return plain data (raised, crashed, exited, or returned a non-built-in value)."""


def encode(value, depth=0):
    """Plain data as JSON-able tagged lists; anything that is not exactly a built-in type is rejected."""
    if depth > MAX_DEPTH:
        raise CandidateError("the value is nested too deeply")
    t = type(value)
    if value is None:
        return ["n"]
    if t is bool:
        return ["b", bool(value)]
    if t is int:
        return ["i", int.__format__(value, "x")]
    if t is float:
        return ["f", float.hex(value)]
    if t is complex:
        return ["c", float.hex(value.real), float.hex(value.imag)]
    if t is str:
        return ["s", str.__str__(value)]
    if t is bytes:
        return ["y", bytes.hex(value)]
    if t in (list, tuple, set, frozenset):
        tag = {list: "l", tuple: "t", set: "e", frozenset: "z"}[t]
        return [tag, [encode(v, depth + 1) for v in t.__iter__(value)]]
    if t is dict:
        return ["d", [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in dict.items(value)]]
    raise CandidateError(f"returned a {t.__name__!s:.60}, not plain built-in data")


def decode(data, depth=0):
    """Fresh built-in objects from tagged plain data; a malformed message raises CandidateError."""
    try:
        if depth > MAX_DEPTH or type(data) is not list or not data or type(data[0]) is not str:
            raise ValueError("malformed value")
        tag, rest = data[0], data[1:]
        simple = {"n": lambda: None, "b": lambda: _bool(rest[0]), "i": lambda: int(_text(rest[0]), 16),
                  "f": lambda: float.fromhex(_text(rest[0])), "s": lambda: _text(rest[0]), "y": lambda: bytes.fromhex(_text(rest[0])),
                  "c": lambda: complex(float.fromhex(_text(rest[0])), float.fromhex(_text(rest[1])))}
        if tag in simple:
            return simple[tag]()
        items = rest[0]
        if type(items) is not list:
            raise ValueError("malformed container")
        if tag == "d":
            return {decode(_pair(p)[0], depth + 1): decode(p[1], depth + 1) for p in items}
        kind = {"l": list, "t": tuple, "e": set, "z": frozenset}[tag]
        return kind(decode(v, depth + 1) for v in items)
    except CandidateError:
        raise
    except Exception as e:
        raise CandidateError(f"the worker sent malformed data ({type(e).__name__})") from None


def _bool(value):
    if type(value) is not bool:
        raise ValueError("expected a boolean")
    return value


def _pair(value):
    if type(value) is not list or len(value) != 2:
        raise ValueError("expected a key-value pair")
    return value


def _text(value):
    if type(value) is not str:
        raise ValueError("expected text")
    return value


def _apply_limits(limits, report):
    names = {"as": "RLIMIT_AS", "cpu": "RLIMIT_CPU", "nproc": "RLIMIT_NPROC",
             "fsize": "RLIMIT_FSIZE", "nofile": "RLIMIT_NOFILE", "core": "RLIMIT_CORE"}
    for key, name in names.items():
        value = limits.get(key)
        if value is None:
            continue
        try:
            # CPU: SIGXCPU at the soft limit, SIGKILL one second later (equal limits would go straight to SIGKILL)
            hard = value + 1 if key == "cpu" else value
            resource.setrlimit(getattr(resource, name), (value, hard))
        except (ValueError, OSError) as e:
            report(f"{name} not applied: {e}")


# ----------------------------------------------------------------------------------------------------------------- worker
def worker():
    """Runs the candidate. Protocol: one JSON line per message on private copies of stdin/stdout; the candidate's own
    stdin is /dev/null and its stdout is stderr. Whatever the candidate does here can only change what it returns."""
    inp = os.fdopen(os.dup(0), "r", encoding="utf-8")
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    setup = json.loads(inp.readline())
    warnings = []
    _apply_limits(setup.get("limits", {}), warnings.append)
    env = {"__name__": "__main__", "__builtins__": builtins}
    send, is_callable, module, list_, str_ = out.write, callable, type(os), list, str  # before the candidate can patch builtins
    try:
        exec(compile(setup["code"], "<solution>", "exec"), env)
        names = [k for k, v in list_(env.items()) if k.__class__ is str_ and is_callable(v) and v.__class__ is not module]
        send(json.dumps({"ok": True, "names": names, "warnings": warnings}) + "\n")
    except BaseException as e:  # SystemExit, SyntaxError, anything raised while loading
        send(json.dumps({"ok": False, "error": _reason(e)}) + "\n")
        return
    for line in inp:
        call = json.loads(line)
        try:
            fn = env[call["name"]]
            value = encode(fn(*decode(call["args"])))
            reply = {"ok": True, "value": value}
        except BaseException as e:  # the candidate's exceptions, including SystemExit and KeyboardInterrupt, are its answer
            name = type(e).__name__ if type(type(e).__name__) is str else "Exception"
            reply = {"ok": False, "exc": name, "error": _reason(e)}
        send(json.dumps(reply) + "\n")


# ------------------------------------------------------------------------------------------------------------------ judge
class Worker:
    """The judge's side of the worker: starts it, and turns each call into plain data out and plain data back."""

    def __init__(self, setup):
        self.dead = None
        self.proc = subprocess.Popen([sys.executable, "-I", "-B", os.path.abspath(__file__), "--worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=None, close_fds=True)
        try:
            self.loaded = self._exchange(setup)
        except CandidateError as e:
            self.loaded = {"ok": False, "error": str(e)}

    def _exchange(self, message):
        if self.dead is not None:
            raise CandidateError(self.dead)
        try:
            self.proc.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
            line = self.proc.stdout.readline(MAX_MESSAGE)
        except (OSError, ValueError):
            line = b""
        if not line.endswith(b"\n"):
            self.dead = self._exit_reason() if not line else "the reply is too large"
            raise CandidateError(self.dead)
        try:
            reply = json.loads(line)
        except ValueError:
            reply = None
        if type(reply) is not dict or type(reply.get("ok")) is not bool:
            self.dead = "the worker sent a malformed reply"
            raise CandidateError(self.dead)
        return reply

    def _exit_reason(self):
        try:
            code = self.proc.wait(1)
        except subprocess.TimeoutExpired:
            return "the program closed its reply channel"
        signals = {9: "SIGKILL", 24: "SIGXCPU (CPU-time limit exceeded)", 25: "SIGXFSZ (file-size limit exceeded)", 11: "SIGSEGV"}
        how = f"was killed by {signals.get(-code, f'signal {-code}')}" if code < 0 else f"exited with code {code}"
        return f"the program {how} instead of returning"

    def call(self, name, args):
        reply = self._exchange({"name": name, "args": encode(list(args))})
        if reply["ok"]:
            return decode(reply.get("value"))
        exc = EXCEPTIONS.get(reply.get("exc"), CandidateError)
        raise exc(str(reply.get("error"))[:300])

    def proxy(self, name):
        def candidate_function(*args, **kwargs):
            if kwargs:
                raise CandidateError("keyword arguments are not supported")
            return self.call(name, args)
        candidate_function.__name__ = name
        return candidate_function

    def close(self):
        try:
            self.proc.kill()
            self.proc.wait(5)
        except Exception:
            pass


def _reason(exc):
    if type(exc) is CandidateError:
        return str(exc)[:300]
    if isinstance(exc, AssertionError):
        return "assertion failed" + (f": {exc}" if str(exc) else "")
    return f"{type(exc).__name__}: {exc}"[:300]


def _is_test(node, subjects):
    """A statement is a test when it asserts something about the candidate: it contains an assert and names the candidate (or
    a function the tests do not define themselves). `assert True` and other assertions about nothing are setup."""
    return (any(isinstance(n, ast.Assert) for n in ast.walk(node))
            and any(isinstance(n, ast.Name) and n.id in subjects for n in ast.walk(node)))


def _free_names(tree):
    """Names the tests read but never bind and that are not built-ins: the functions they expect from the solution."""
    bound = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
            bound.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, ast.arg):
            bound.add(n.arg)
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return {n for n in read - bound if not hasattr(builtins, n)}


def _split(tests, entry_point):
    """(setup statements, test statements), each compiled alone: the body of check(candidate) with an entry point, else the
    top-level statements. Every statement that contains an assert is one test; the others are setup, run in order."""
    tree = ast.parse(tests)
    body = tree.body
    subjects = _free_names(tree) | ({"candidate", entry_point} if entry_point is not None else set())
    if entry_point is not None:
        checks = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"]
        if not checks:
            raise ValueError("the tests define no check(candidate) function")
        body = checks[-1].body
    return [(_is_test(s, subjects), compile(ast.Module(body=[s], type_ignores=[]), "<tests>", "exec")) for s in body]


def _protect_judge():
    """Non-dumpable: a process of the same uid (the worker) can then neither ptrace the judge nor open its /proc memory or fds."""
    import ctypes
    if ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE = 4
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def judge():
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    nonce = sys.stdin.readline().strip()

    def report(kind, text=""):
        channel.write(f"{nonce} {kind} {text}".rstrip().replace("\r", " ").replace("\n", " ") + "\n")
        channel.flush()

    try:
        _protect_judge()
    except Exception as e:
        report("SANDBOX", f"the judge could not make itself non-dumpable: {e}")
        return
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            job = json.load(f)
        os.remove(sys.argv[1])
    else:
        job = json.loads(sys.stdin.read())
    code, tests, entry_point = job["code"], job["tests"], job.get("entry_point")
    steps = None
    if job.get("split"):
        try:
            steps = _split(tests, entry_point)
        except (SyntaxError, ValueError) as e:
            report("ERROR", f"tests could not be parsed: {e}")
            return
    count = 1 if steps is None else max(1, sum(1 for is_test, _ in steps if is_test))
    report("TESTS", str(count))  # before the candidate starts, so nothing it does can make the run look like a sandbox error
    limits = job.get("limits", {})
    _apply_limits({k: limits.get(k) for k in ("core",)}, lambda w: report("LIMIT", w))
    if limits.get("nproc") is not None and os.geteuid() == 0:
        report("LIMIT", "RLIMIT_NPROC is not enforced for root")
    worker_ = Worker({"code": code, "limits": limits})
    try:
        _judge(worker_, tests, entry_point, steps, count, report)
    finally:
        worker_.close()
    report("DONE")


def _judge(worker_, tests, entry_point, steps, count, report):
    try:
        loaded = worker_.loaded
    except CandidateError as e:
        loaded = {"ok": False, "error": str(e)}
    if not loaded["ok"]:
        for i in range(count):
            report("RESULT", f"{i} FAIL solution did not load: {str(loaded.get('error'))[:300]}")
        return
    for w in loaded.get("warnings") or []:
        report("LIMIT", str(w)[:300])
    names = loaded.get("names") if type(loaded.get("names")) is list else []
    defined = [n for n in names if type(n) is str and n.isidentifier() and not n.startswith("__") and not hasattr(builtins, n)]
    scope = {"__name__": "__main__", "__builtins__": builtins}
    for name in defined:
        scope[name] = worker_.proxy(name)
    if entry_point is not None:
        if entry_point in defined:
            scope["candidate"] = scope[entry_point]
        else:
            scope["candidate"] = None
            report("LIMIT", f"the solution does not define {entry_point}")
    if steps is None:
        try:
            exec(compile(tests, "<tests>", "exec"), scope)
            if entry_point is not None:
                if entry_point not in defined:
                    raise NameError(f"the solution does not define {entry_point}")
                scope["check"](scope["candidate"])
            report("RESULT", "0 PASS")
        except BaseException as e:
            report("RESULT", f"0 FAIL {_reason(e)}")
        return
    if entry_point is not None:
        try:
            exec(compile(tests, "<tests>", "exec"), scope)  # module-level definitions the body of check may use
        except BaseException as e:
            print(f"the tests failed to load: {_reason(e)}", file=sys.stderr)
    index = 0
    for is_test, step in steps:
        try:
            exec(step, scope)
            if is_test:
                report("RESULT", f"{index} PASS")
        except BaseException as e:
            if is_test:
                report("RESULT", f"{index} FAIL {_reason(e)}")
            else:
                print(f"setup statement failed: {_reason(e)}", file=sys.stderr)
        if is_test:
            index += 1
    if index == 0:
        report("RESULT", "0 PASS")


if __name__ == "__main__":
    worker() if sys.argv[1:] == ["--worker"] else judge()
