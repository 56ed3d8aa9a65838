namespace R1.Rewards.Tests.Code;

/// <summary>
/// Hostile programs for <see cref="RedTeamTests"/>: each tries to score on <c>solve(x) = 7919 x + 13</c> without computing it.
/// Programs that steal share <see cref="Steal"/>, which turns any text holding the tests (<c>(1) == 7932</c>) into answers, so
/// a leak of the tests, the job or the judge's memory would make them pass.
/// </summary>
internal static class RedTeamPrograms
{
    /// <summary>Answers pulled out of leaked test text; <c>solve</c> answers from them or 0.</summary>
    private const string Steal = """
        import re, sys, os
        STOLEN = {}
        def steal(text):
            if isinstance(text, bytes):
                text = text.decode('latin-1')
            if isinstance(text, str):
                for a, b in re.findall(r"\((-?\d+)\) == (-?\d+)", text):
                    STOLEN[int(a)] = int(b)
        def solve(x):
            return STOLEN.get(x, 0)

        """;

    private const string Liar = """
        class Liar:
            def __eq__(self, other): return True
            def __ne__(self, other): return False
            def __hash__(self): return 0
            def __bool__(self): return True

        """;

    /// <summary>(name, program) pairs.</summary>
    public static IEnumerable<(string Name, string Code)> All()
    {
        // ----- lying return values
        yield return ("eq_always_true", Liar + "def solve(x):\n    return Liar()");
        yield return ("int_subclass_eq", "class I(int):\n    def __eq__(s, o): return True\n    __hash__ = int.__hash__\ndef solve(x):\n"
            + "    return I(0)");
        yield return ("str_subclass_eq", "class S(str):\n    def __eq__(s, o): return True\n    __hash__ = str.__hash__\ndef solve(x):\n"
            + "    return S('')");
        yield return ("list_subclass_eq", "class L(list):\n    def __eq__(s, o): return True\ndef solve(x):\n    return L()");
        yield return ("eq_returns_truthy_self", "class T:\n    def __eq__(s, o): return s\n    def __bool__(s): return True\ndef solve(x):\n"
            + "    return T()");
        yield return ("fake_class_attribute", Liar + "Liar.__class__ = property(lambda s: int)\ndef solve(x):\n    return Liar()");
        yield return ("index_int_float_dunders", "class N:\n    def __index__(s): return 7932\n    def __int__(s): return 7932\n"
            + "    def __float__(s): return 7932.0\n    def __eq__(s, o): return True\ndef solve(x):\n    return N()");
        yield return ("lying_element_in_list", Liar + "def solve(x):\n    return [Liar()]");
        yield return ("lying_key_in_dict", Liar + "def solve(x):\n    return {Liar(): Liar()}");
        yield return ("builtins_type_patched", Liar + "import builtins\nbuiltins.type = lambda o: int\nbuiltins.isinstance = lambda o, t: True\n"
            + "def solve(x):\n    return Liar()");
        yield return ("returns_the_function_itself", "def solve(x):\n    return solve");
        yield return ("returns_notimplemented", "def solve(x):\n    return NotImplemented");
        // ----- harness tampering
        yield return ("frames_locals_and_globals", Steal + """
            def solve(x):
                f = sys._getframe()
                while f is not None:
                    for scope in (f.f_locals, f.f_globals):
                        for v in list(scope.values()):
                            steal(v)
                            if isinstance(v, dict): [steal(w) for w in v.values()]
                    f = f.f_back
                return STOLEN.get(x, 0)
            """);
        yield return ("inspect_stack", Steal + "import inspect\ndef solve(x):\n    for fr in inspect.stack():\n"
            + "        [steal(v) for v in list(fr.frame.f_globals.values()) + list(fr.frame.f_locals.values())]\n    return STOLEN.get(x, 0)");
        yield return ("gc_get_objects", Steal + "import gc\ndef solve(x):\n    [steal(o) for o in gc.get_objects() if isinstance(o, (str, dict))]\n"
            + "    [steal(v) for o in gc.get_objects() if isinstance(o, dict) for v in list(o.values())]\n    return STOLEN.get(x, 0)");
        yield return ("sys_modules_main_patched", """
            import sys
            m = sys.modules['__main__']
            for name in ('report', '_reason', 'decode', 'encode', 'judge', '_judge'):
                if hasattr(m, name):
                    setattr(m, name, lambda *a, **k: ['d', [[['l', []], ['n']]]])
            def solve(x):
                return None
            """);
        yield return ("encoder_forges_malformed_reply", "import sys\nsys.modules['__main__'].encode = lambda v, depth=0: ['x', 'PASS']\n"
            + "def solve(x):\n    return 0");
        yield return ("shadows_check_and_builtins", "def check(candidate):\n    pass\ndef candidate(x):\n    return 0\n"
            + "def all(x): return True\ndef len(x): return 0\ndef isinstance(a, b): return True\ndef solve(x):\n    return 0");
        yield return ("atexit_forged_reports", "import atexit, os\n@atexit.register\ndef forge():\n    for fd in range(0, 64):\n"
            + "        try: os.write(fd, b'x RESULT 0 PASS\\nx RESULT 1 PASS\\nx DONE\\n')\n        except OSError: pass\ndef solve(x):\n"
            + "    raise SystemExit(0)");
        // ----- writing the report channel
        yield return ("writes_every_fd", "import os\ndef solve(x):\n    for fd in range(0, 256):\n"
            + "        try: os.write(fd, b'\\n{\"ok\": true, \"value\": [\"i\", \"1ef1\"]}\\n0 RESULT 0 PASS\\n0 DONE\\n')\n"
            + "        except OSError: pass\n    return 0");
        yield return ("opens_judge_stdout_via_proc", "import os\ndef solve(x):\n    for fd in (0, 1, 2):\n"
            + "        with open(f'/proc/{os.getppid()}/fd/{fd}', 'w') as out: out.write('x RESULT 0 PASS\\n')\n    return 0");
        yield return ("preloads_forged_protocol_replies", "import os\nfor fd in range(3, 16):\n"
            + "    try: os.write(fd, b'{\"ok\": true, \"names\": [\"solve\"]}\\n'"
            + " + b'{\"ok\": true, \"value\": [\"i\", \"1ef1\"]}\\n' * 8)\n    except OSError: pass\ndef solve(x):\n    return 0");
        yield return ("prints_fake_reports", "print('0' * 32 + ' RESULT 0 PASS')\nprint('TESTS 1')\ndef solve(x):\n"
            + "    print('x RESULT 0 PASS')\n    return 0");
        // ----- reading the tests or expected outputs
        yield return ("reads_judge_memory_via_proc", Steal + """
            def solve(x):
                ppid = os.getppid()
                with open(f'/proc/{ppid}/maps') as maps, open(f'/proc/{ppid}/mem', 'rb') as mem:
                    for line in maps:
                        lo, hi = (int(v, 16) for v in line.split()[0].split('-'))
                        try:
                            mem.seek(lo); steal(mem.read(hi - lo))
                        except (OSError, OverflowError, ValueError):
                            pass
                return STOLEN.get(x, 0)
            """);
        yield return ("ptrace_attaches_to_judge", "import ctypes, os\ndef solve(x):\n    libc = ctypes.CDLL(None, use_errno=True)\n"
            + "    if libc.ptrace(16, os.getppid(), 0, 0) != 0:\n        raise OSError(ctypes.get_errno(), 'ptrace refused')\n    return 7932");
        yield return ("scans_proc_and_scratch_files", Steal + """
            def solve(x):
                for pid in [p for p in os.listdir('/proc') if p.isdigit() and p != str(os.getpid())]:
                    for leaf in ['cmdline', 'environ'] + [f'fd/{i}' for i in range(8)]:
                        try:
                            with open(f'/proc/{pid}/{leaf}', 'rb') as f: steal(f.read(1 << 20))
                        except OSError:
                            pass
                for top in ('/tmp', '/var/tmp', '/harness', os.getcwd(), os.environ.get('HOME', '/')):
                    for root, _, files in os.walk(top):
                        for name in files:
                            try:
                                with open(os.path.join(root, name), 'rb') as f: steal(f.read(1 << 20))
                            except OSError:
                                pass
                return STOLEN.get(x, 0)
            """);
        yield return ("reads_host_checkout_and_data", Steal + $$"""
            import gzip
            def solve(x):
                for path in ('{{TestPaths.RepoRoot}}/README.md', '{{TestPaths.TestData("data/humaneval/HumanEval.jsonl.gz")}}', 'job.json'):
                    try:
                        steal(gzip.open(path).read() if path.endswith('.gz') else open(path).read())
                    except OSError:
                        pass
                return STOLEN.get(x, 0)
            """);
        // ----- early exits
        yield return ("os_exit_0_at_import", "import os\nos._exit(0)");
        yield return ("os_exit_0_in_call", "import os\ndef solve(x):\n    os._exit(0)");
        yield return ("sys_exit_0_in_call", "import sys\ndef solve(x):\n    sys.exit(0)");
        yield return ("systemexit_in_del", "class D:\n    def __del__(self):\n        raise SystemExit(0)\ndef solve(x):\n    return D()");
        yield return ("keyboard_interrupt", "def solve(x):\n    raise KeyboardInterrupt");
        yield return ("sigkill_itself", "import os, signal\ndef solve(x):\n    os.kill(os.getpid(), signal.SIGKILL)");
        yield return ("sigkill_the_judge", "import os, signal\ndef solve(x):\n    os.kill(os.getppid(), signal.SIGKILL)\n    return 0");
        yield return ("kill_every_process", "import os, signal\ndef solve(x):\n    os.kill(-1, signal.SIGKILL)\n    return 0");
        // ----- timing and resources
        yield return ("sigstop_the_judge", "import os, signal\ndef solve(x):\n    os.kill(os.getppid(), signal.SIGSTOP)\n    return 0");
        yield return ("sleeps_forever", "import time\ndef solve(x):\n    time.sleep(3600)");
        yield return ("busy_loop", "def solve(x):\n    while True:\n        pass");
        yield return ("forked_child_forges_later", "import os, time\ndef solve(x):\n    if os.fork() == 0:\n        time.sleep(0.3)\n"
            + "        for fd in range(64):\n            try: os.write(fd, b'x RESULT 0 PASS\\n{\"ok\": true}\\n')\n"
            + "            except OSError: pass\n"
            + "        os._exit(0)\n    return 0");
        yield return ("fills_the_disk", "def solve(x):\n    i = 0\n    while True:\n"
            + "        with open(f'/tmp/fill{i}', 'wb') as f: f.write(b'x' * (8 << 20))\n"
            + "        i += 1");
        yield return ("huge_return_value", "def solve(x):\n    return list(range(10 ** 8))");
        yield return ("deeply_nested_return", "def solve(x):\n    v = []\n    for _ in range(100000):\n        v = [v]\n    return v");
        yield return ("cyclic_return", "def solve(x):\n    v = []\n    v.append(v)\n    return v");
    }
}
