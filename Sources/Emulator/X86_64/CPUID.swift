import CHost

/// The CPU the guest sees: one coherent description that advertises only what the interpreter
/// implements (SSE through SSE4.2, POPCNT, MOVBE, CX16, LZCNT, RDTSCP, FSGSBASE), nothing of
/// AVX or XSAVE.
enum VirtualCPU {
    static let vendor = "GenuineIntel"
    static let brand = "bsd-user-gdb virtual x86-64 CPU"

    static func cpuid(leaf: UInt32, subleaf: UInt32) -> (UInt32, UInt32, UInt32, UInt32) {
        func str4(_ s: String, _ i: Int) -> UInt32 {
            let b = Array(s.utf8) + [UInt8](repeating: 0, count: 64)
            return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
        }
        switch leaf {
        case 0:
            return (7, str4(vendor, 0), str4(vendor, 8), str4(vendor, 4))
        case 1:
            // Family 6, model 0x3a-like signature; one logical processor per package.
            let eax: UInt32 = 0x000306A9
            let ebx: UInt32 = (8 << 8) | (1 << 16)  // clflush line 64 bytes, 1 logical cpu
            var ecx: UInt32 = 0
            ecx |= 1 << 0    // SSE3
            ecx |= 1 << 9    // SSSE3
            ecx |= 1 << 13   // CMPXCHG16B
            ecx |= 1 << 19   // SSE4.1
            ecx |= 1 << 20   // SSE4.2
            ecx |= 1 << 22   // MOVBE
            ecx |= 1 << 23   // POPCNT
            ecx |= 1 << 31   // running under a hypervisor
            var edx: UInt32 = 0
            edx |= 1 << 0    // FPU
            edx |= 1 << 4    // TSC
            edx |= 1 << 8    // CX8
            edx |= 1 << 15   // CMOV
            edx |= 1 << 19   // CLFSH
            edx |= 1 << 24   // FXSR
            edx |= 1 << 25   // SSE
            edx |= 1 << 26   // SSE2
            return (eax, ebx, ecx, edx)
        case 7:
            if subleaf == 0 { return (0, 1 << 0 /* FSGSBASE */, 0, 0) }
            return (0, 0, 0, 0)
        case 0x8000_0000:
            return (0x8000_0008, 0, 0, 0)
        case 0x8000_0001:
            let ecx: UInt32 = (1 << 0) | (1 << 5)              // LAHF/SAHF in 64-bit mode, LZCNT
            let edx: UInt32 = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29)  // SYSCALL, NX, RDTSCP, LM
            return (0, 0, ecx, edx)
        case 0x8000_0002...0x8000_0004:
            let base = Int(leaf - 0x8000_0002) * 16
            return (str4(brand, base), str4(brand, base + 4), str4(brand, base + 8), str4(brand, base + 12))
        case 0x8000_0008:
            return (0x3030, 0, 0, 0)   // 48-bit physical and virtual addresses
        default:
            return (0, 0, 0, 0)
        }
    }
}

extension X86CPU {
    func cpuidInstruction() {
        let (a, b, c, d) = VirtualCPU.cpuid(leaf: r32(0), subleaf: r32(8))
        set32(0, a); set32(24, b); set32(8, c); set32(16, d)
    }
}
