"""The FreeBSD system calls a Go binary can make, found in its disassembly.

    go tool objdump BINARY | python3 syscalls-used.py syscalls.master [--names]

Looks for the number loaded just before each SYSCALL instruction (the runtime's assembly) and
before each call of syscall.Syscall and its relatives (the generated wrappers). The linker drops
unreachable functions, so this is what the program may call, not what one run does. Prints
"number name callers" lines, or only the names with --names.
"""
import re
import sys
nums = {}
names = {}
text = open(sys.argv[1]).read()
for m in re.finditer(r'^(\d+)\s+AUE_\w+\s+[\w|]+\s*\{\s*[\w\s\*]*?\b(\w+)\(', text, re.M):
    names[int(m.group(1))] = m.group(2)
window = []
cur = None
for line in sys.stdin:
    if line.startswith('TEXT '):
        cur = line.split()[1]; window = []; continue
    window.append(line)
    window = window[-14:]
    if '\tSYSCALL' in line or re.search(r'CALL (syscall|internal/runtime/syscall|golang.org/x/sys/unix)\.\w*[Ss]yscall', line):
        for w in reversed(window[:-1]):
            m = re.search(r'MOV[LQ] \$(0x[0-9a-f]+|\d+), (AX|0\(SP\))', w)
            if m:
                n = int(m.group(1), 0)
                nums.setdefault(n, set()).add(cur)
                break
for n in sorted(nums):
    if '--names' in sys.argv:
        print(names.get(n, str(n)))
    else:
        print(n, names.get(n, '?'), ' '.join(sorted(nums[n]))[:150])
