/// amd64 FreeBSD system-call convention (sys/amd64/amd64/trap.c, vm_machdep.c): number in
/// rax, arguments in rdi rsi rdx r10 r8 r9 then the stack from rsp+8; syscall 0 and 198 take
/// the number from the first argument; success clears CF, failure sets it with a positive
/// errno in rax; rdx is the second result and keeps its value otherwise.
extension X86CPU: GuestCPU {
    public var programCounter: UInt64 {
        get { rip }
        set { rip = newValue }
    }
    public var stackPointer: UInt64 {
        get { r64(32) }
        set { set64(32, newValue) }
    }
    public var retiredInstructions: UInt64 { retired }
    public var threadPointer: UInt64 {
        get { fsBase }
        set { fsBase = newValue }
    }

    public func syscallArguments() -> SyscallArgs {
        var regsList: [UInt64] = [self[.rdi], self[.rsi], self[.rdx], self[.r10], self[.r8], self[.r9]]
        var number = Int(truncatingIfNeeded: self[.rax])
        var stackIndex = 1
        if number == 0 || number == 198 {
            number = Int(truncatingIfNeeded: regsList.removeFirst())
            if number == 0 || number == 198 { number = -1 }
        }
        while regsList.count < 8 {
            let v = (try? mmu.load(stackPointer &+ UInt64(stackIndex * 8), as: UInt64.self)) ?? 0
            regsList.append(v)
            stackIndex += 1
        }
        return SyscallArgs(number: number, regsList)
    }

    public func completeSyscall(value: UInt64, second: UInt64?) {
        self[.rax] = value
        if let s = second { self[.rdx] = s }
        setArithmeticFlags(0, mask: EFlags.cf)
    }

    public func failSyscall(_ errno: Int32) {
        self[.rax] = UInt64(errno)
        setArithmeticFlags(EFlags.cf, mask: EFlags.cf)
    }

    public func restartSyscall() {
        rip &-= 2
    }

    public func resetForExec(entry: UInt64, stack: UInt64, argumentBlock: UInt64) {
        for r in GPR.allCases { self[r] = 0 }
        fsBase = 0
        gsBase = 0
        rflags = 0x202
        rip = entry
        self[.rsp] = stack
        self[.rdi] = argumentBlock
        mxcsr = 0x1f80
        x87.reset()
        for i in 0..<16 { setXMM(i, low: 0, high: 0) }
    }

    public func registerDump() -> String {
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 16 - s.count)) + s
        }
        var out = ""
        let names = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
        for (i, n) in names.enumerated() {
            out += n + String(repeating: " ", count: 4 - n.count) + "=" + h(self[GPR(rawValue: i)!])
            out += i % 4 == 3 ? "\n" : " "
        }
        out += "rip =\(h(rip)) rflags=\(h(rflags)) fs_base=\(h(fsBase)) gs_base=\(h(gsBase))\n"
        return out
    }

    /// The signal trampoline in the shared page: calls the handler whose address the kernel left
    /// at 0(%rsp), then sigreturn(&frame->sf_uc); hlt if that ever returns.
    public static var sharedPageCode: [UInt8] {
        [0xFF, 0x14, 0x24,                     // call *(%rsp)
         0x48, 0x8D, 0x7C, 0x24, 0x10,         // lea 16(%rsp), %rdi
         0x6A, 0x00,                           // push $0 (fake return address)
         0xB8, 0xA1, 0x01, 0x00, 0x00,         // mov $417 (sigreturn), %eax
         0x0F, 0x05,                           // syscall
         0xF4,                                 // hlt
         0xEB, 0xFD]                           // jmp back to hlt
    }

    /// amd64 reports CPUID.1 EDX and ECX of the CPU in AT_HWCAP and AT_HWCAP2.
    public static var hardwareCapabilities: (UInt64, UInt64) {
        let (_, _, c, d) = VirtualCPU.cpuid(leaf: 1, subleaf: 0)
        return (UInt64(d), UInt64(c))
    }
}
