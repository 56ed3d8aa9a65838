# R1MLNet code-reward harness: runs one candidate program against its tests inside the sandbox.
# Usage: python3 -I -B python_harness.py job.json   (the run's nonce arrives on stdin, never in a file)
# Job: {"code", "tests", "entry_point" (or null), "split" (bool), "limits": {"as","cpu","nproc","fsize","nofile"}}
# Reports on the original stdout, one line each, prefixed by the nonce:
#   <nonce> LIMIT <warning>     a limit that could not be applied
#   <nonce> TESTS <n>           how many tests will run
#   <nonce> RESULT <i> PASS|FAIL <reason>
#   <nonce> DONE
# The candidate's own stdout is redirected to stderr so it cannot forge report lines.
import ast
import json
import os
import resource
import sys
import traceback


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
            report("LIMIT", f"{name} not applied: {e}")
    if limits.get("nproc") is not None and os.geteuid() == 0:
        report("LIMIT", "RLIMIT_NPROC is not enforced for root")


def _reason(exc):
    if isinstance(exc, AssertionError):
        return "assertion failed" + (f": {exc}" if str(exc) else "")
    return f"{type(exc).__name__}: {exc}"[:300]


def _contains_assert(node):
    return any(isinstance(n, ast.Assert) for n in ast.walk(node))


def _split(tests, entry_point):
    """Splits the tests into (setup statements, test statements), each a compiled module.
    With an entry point: the body of check(candidate); without: the top-level statements.
    Every statement that contains an assert is one test; the others are setup, run in order."""
    tree = ast.parse(tests)
    body = tree.body
    if entry_point is not None:
        checks = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"]
        if not checks:
            raise ValueError("the tests define no check(candidate) function")
        body = checks[-1].body
    steps = []
    for stmt in body:
        module = ast.Module(body=[stmt], type_ignores=[])
        steps.append((_contains_assert(stmt), compile(module, "<tests>", "exec")))
    return steps


def main():
    nonce = sys.stdin.readline().strip()
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # the candidate's prints go to stderr

    def report(kind, text=""):
        channel.write(f"{nonce} {kind} {text}".rstrip().replace("\r", " ") + "\n")
        channel.flush()

    with open(sys.argv[1], encoding="utf-8") as f:
        job = json.load(f)
    os.remove(sys.argv[1])
    _apply_limits(job.get("limits", {}), report)
    code, tests, entry_point = job["code"], job["tests"], job.get("entry_point")

    if job.get("split"):
        try:
            steps = _split(tests, entry_point)
        except (SyntaxError, ValueError) as e:
            report("ERROR", f"tests could not be parsed: {e}")
            return
    else:
        steps = None
    count = 1 if steps is None else max(1, sum(1 for is_test, _ in steps if is_test))
    report("TESTS", str(count))

    env = {"__name__": "__main__", "__builtins__": __builtins__}
    try:
        exec(compile(code, "<solution>", "exec"), env)
        if entry_point is not None and steps is not None:
            exec(compile(tests, "<tests>", "exec"), env)
    except BaseException as e:  # SystemExit, SyntaxError, anything the program raises while loading
        traceback.print_exc()
        for i in range(count):
            report("RESULT", f"{i} FAIL solution did not load: {_reason(e)}")
        report("DONE")
        return

    if steps is None:
        _run_whole(env, tests, entry_point, report)
    else:
        _run_split(env, steps, entry_point, report)
    report("DONE")


def _run_whole(env, tests, entry_point, report):
    try:
        exec(compile(tests, "<tests>", "exec"), env)
        if entry_point is not None:
            if entry_point not in env:
                raise NameError(f"the solution does not define {entry_point}")
            env["check"](env[entry_point])
        report("RESULT", "0 PASS")
    except BaseException as e:
        traceback.print_exc()
        report("RESULT", f"0 FAIL {_reason(e)}")


def _run_split(env, steps, entry_point, report):
    scope = dict(env)
    if entry_point is not None:
        if entry_point not in env:
            scope["candidate"] = None
            report("LIMIT", f"the solution does not define {entry_point}")
        else:
            scope["candidate"] = env[entry_point]
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


main()
