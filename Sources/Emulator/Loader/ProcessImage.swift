import Glibc

/// FreeBSD/amd64 address-space constants (sys/amd64/include/vmparam.h, LA48, no ASLR).
public enum FreeBSDLayout {
    /// Top of the user address space; the shared page sits just below it.
    public static let sharedPage: UInt64 = 0x7fff_ffff_f000
    /// USRSTACK: the main thread's stack ends here.
    public static let userStackTop: UInt64 = 0x7fff_ffff_f000
    public static let psStrings: UInt64 = userStackTop - 32
    /// Default RLIMIT_STACK (DFLSSIZ).
    public static let stackSize: UInt64 = 8 << 20
    /// ET_DYN_LOAD_ADDR: where a position-independent executable is loaded.
    public static let pieBase: UInt64 = 0x0102_1000
    /// MAXDSIZ: non-fixed mmap placement starts this far above the data segment.
    public static let maxDataSize: UInt64 = 32 << 30
    public static let osReldate: UInt32 = 1400097
    public static let osRelease = "14.0-RELEASE"
}

/// auxv tags (sys/sys/elf_common.h).
enum AuxTag {
    static let null: UInt64 = 0, phdr: UInt64 = 3, phent: UInt64 = 4, phnum: UInt64 = 5, pagesz: UInt64 = 6,
               base: UInt64 = 7, flags: UInt64 = 8, entry: UInt64 = 9, execpath: UInt64 = 15, canary: UInt64 = 16,
               canarylen: UInt64 = 17, osreldate: UInt64 = 18, ncpus: UInt64 = 19, pagesizes: UInt64 = 20,
               pagesizeslen: UInt64 = 21, stackprot: UInt64 = 23, ehdrflags: UInt64 = 24, hwcap: UInt64 = 25,
               hwcap2: UInt64 = 26, bsdflags: UInt64 = 27, argc: UInt64 = 28, argv: UInt64 = 29, envc: UInt64 = 30,
               envv: UInt64 = 31, psStrings: UInt64 = 32, usrStackBase: UInt64 = 35, usrStackLim: UInt64 = 36
    static let count = 37
}

/// What the loader produced: where execution starts and the process facts the kernel layer
/// keeps (break, ps_strings, auxv) for sysctl and friends.
public struct ProcessImage: Sendable {
    public var entry: UInt64
    /// Address of argc; %rdi at entry.
    public var argumentBlock: UInt64
    public var stackPointer: UInt64
    public var breakStart: UInt64
    public var dataStart: UInt64
    public var psStrings: UInt64
    public var stackTop: UInt64
    public var stackLimit: UInt64
    public var auxv: [(UInt64, UInt64)]
    public var executablePath: String
    public var loadBias: UInt64
}

/// Builds a fresh process image the way FreeBSD's execve does: maps the PT_LOAD segments with
/// their permissions, the stack and the shared page (signal trampoline), and lays out argv,
/// envp, auxv and ps_strings on the stack (kern_exec.c exec_copyout_strings, imgact_elf.c).
public enum ExecutableLoader {
    public static func load(_ image: ELFImage, into space: AddressSpace, argv: [String], envp: [String],
                            executablePath: String, ncpus: Int, hwcap: (UInt64, UInt64),
                            sharedPageCode: [UInt8]) throws -> ProcessImage {
        let bias: UInt64 = image.type == 3 ? FreeBSDLayout.pieBase : 0
        let loads = image.loadSegments
        // Map every segment's pages read-write first (segments may share a page), copy file
        // contents, then apply final protections.
        var pageProt: [UInt64: Protection] = [:]
        for s in loads where s.memorySize > 0 {
            let start = pageDown(s.vaddr + bias), end = pageUp(s.vaddr + bias + s.memorySize)
            var p = Protection()
            if s.flags & 4 != 0 { p.insert(.read) }
            if s.flags & 2 != 0 { p.insert(.write) }
            if s.flags & 1 != 0 { p.insert(.exec) }
            var a = start
            while a < end { pageProt[a, default: []].formUnion(p); a += guestPageSize }
        }
        let pages = pageProt.keys.sorted()
        var runStart = pages.first!
        var prev = runStart
        func mapRun(_ s: UInt64, _ e: UInt64) throws {
            _ = try space.map(.fixedExclusive(s), length: e - s, protection: .rw, kind: .image, name: image.path)
        }
        for p in pages.dropFirst() {
            if p != prev + guestPageSize { try mapRun(runStart, prev + guestPageSize); runStart = p }
            prev = p
        }
        try mapRun(runStart, prev + guestPageSize)
        for s in loads where s.fileSize > 0 {
            var data = [UInt8](repeating: 0, count: Int(s.fileSize))
            let n = data.withUnsafeMutableBytes { pread(image.fd, $0.baseAddress!, Int(s.fileSize), off_t(s.offset)) }
            guard n == Int(s.fileSize) else { throw LoadError.truncated(path: image.path, detail: "short read") }
            try space.write(s.vaddr + bias, data)
        }
        for p in pages { try space.protect(p, length: guestPageSize, protection: pageProt[p]!) }

        // Data segment and break: after the highest writable segment.
        let dataEnd = loads.filter { $0.flags & 2 != 0 }.map { $0.vaddr + bias + $0.memorySize }.max()
            ?? loads.map { $0.vaddr + bias + $0.memorySize }.max()!
        let dataStart = loads.filter { $0.flags & 2 != 0 }.map { $0.vaddr + bias }.min() ?? pageUp(dataEnd)
        let breakStart = pageUp(dataEnd)
        space.minimumAddress = guestPageSize

        // Shared page (signal trampoline) and stack.
        _ = try space.map(.fixedExclusive(FreeBSDLayout.sharedPage), length: guestPageSize, protection: .rw,
                          kind: .image, name: "[shared page]")
        try space.write(FreeBSDLayout.sharedPage, sharedPageCode)
        try space.protect(FreeBSDLayout.sharedPage, length: guestPageSize, protection: .rx)
        let stackTop = FreeBSDLayout.userStackTop
        let stackProt: Protection = image.executableStack ? .rwx : .rw
        _ = try space.map(.fixedExclusive(stackTop - FreeBSDLayout.stackSize), length: FreeBSDLayout.stackSize,
                          protection: stackProt, kind: .stack, name: "[stack]")

        // Strings and vectors, from the top down.
        var sp = FreeBSDLayout.psStrings
        let psStrings = sp
        func putBytes(_ bytes: [UInt8], align: UInt64) throws -> UInt64 {
            sp = (sp - UInt64(bytes.count)) & ~(align - 1)
            try space.write(sp, bytes)
            return sp
        }
        let execPathAddr = try putBytes(Array(executablePath.utf8) + [0], align: 8)
        let canary = try putBytes(HostInputs.randomBytes(64), align: 1)
        let pageSizes: [UInt64] = [4096, 2 << 20, 1 << 30]
        var psBytes: [UInt8] = []
        for v in pageSizes { withUnsafeBytes(of: v.littleEndian) { psBytes.append(contentsOf: $0) } }
        let pageSizesAddr = try putBytes(psBytes, align: 8)
        var strings: [UInt8] = []
        var offsets: [Int] = []
        for s in argv + envp { offsets.append(strings.count); strings += Array(s.utf8) + [0] }
        let stringsAddr = try putBytes(strings, align: 8)
        sp = (sp - UInt64(AuxTag.count * 16)) & ~7
        let auxvAddr = sp
        let vectorCount = argv.count + 1 + envp.count + 1
        sp -= UInt64(vectorCount * 8)
        let argvAddr = sp
        let envpAddr = argvAddr + UInt64((argv.count + 1) * 8)
        var vec: [UInt64] = []
        for i in 0..<argv.count { vec.append(stringsAddr + UInt64(offsets[i])) }
        vec.append(0)
        for i in 0..<envp.count { vec.append(stringsAddr + UInt64(offsets[argv.count + i])) }
        vec.append(0)
        // auxv must begin right after the envp terminator; the reserved area above is where
        // FreeBSD puts it, and the vectors end exactly there.
        precondition(envpAddr + UInt64((envp.count + 1) * 8) == auxvAddr)
        sp -= 8
        let argcAddr = sp
        vec.insert(UInt64(argv.count), at: 0)
        var vecBytes: [UInt8] = []
        for v in vec { withUnsafeBytes(of: v.littleEndian) { vecBytes.append(contentsOf: $0) } }
        try space.write(argcAddr, vecBytes)

        // ps_strings
        var ps: [UInt8] = []
        for v: UInt64 in [argvAddr, UInt64(argv.count), envpAddr, UInt64(envp.count)] {
            withUnsafeBytes(of: v.littleEndian) { ps.append(contentsOf: $0) }
        }
        try space.write(psStrings, ps)

        // Program headers in memory: PT_PHDR if present, else inside the first segment.
        let phdrAddr: UInt64
        if let ph = image.segments.first(where: { $0.type == ELFImage.ptPhdr }) {
            phdrAddr = ph.vaddr + bias
        } else if let s = loads.first(where: { image.phoff >= $0.offset && image.phoff < $0.offset + $0.fileSize }) {
            phdrAddr = s.vaddr + bias + (image.phoff - s.offset)
        } else {
            phdrAddr = 0
        }
        let auxv: [(UInt64, UInt64)] = [
            (AuxTag.phdr, phdrAddr), (AuxTag.phent, UInt64(image.phentsize)), (AuxTag.phnum, UInt64(image.segments.count)),
            (AuxTag.pagesz, 4096), (AuxTag.flags, 0), (AuxTag.entry, image.entry + bias), (AuxTag.base, 0),
            (AuxTag.ehdrflags, UInt64(image.flags)), (AuxTag.execpath, execPathAddr),
            (AuxTag.osreldate, UInt64(FreeBSDLayout.osReldate)), (AuxTag.canary, canary), (AuxTag.canarylen, 64),
            (AuxTag.ncpus, UInt64(ncpus)), (AuxTag.pagesizes, pageSizesAddr), (AuxTag.pagesizeslen, 24),
            (AuxTag.stackprot, UInt64(stackProt.rawValue)), (AuxTag.hwcap, hwcap.0), (AuxTag.hwcap2, hwcap.1),
            (AuxTag.bsdflags, 0), (AuxTag.argc, UInt64(argv.count)), (AuxTag.argv, argvAddr),
            (AuxTag.envc, UInt64(envp.count)), (AuxTag.envv, envpAddr), (AuxTag.psStrings, psStrings),
            (AuxTag.usrStackBase, stackTop), (AuxTag.usrStackLim, FreeBSDLayout.stackSize), (AuxTag.null, 0),
        ]
        var auxBytes: [UInt8] = []
        for (t, v) in auxv {
            withUnsafeBytes(of: t.littleEndian) { auxBytes.append(contentsOf: $0) }
            withUnsafeBytes(of: v.littleEndian) { auxBytes.append(contentsOf: $0) }
        }
        try space.write(auxvAddr, auxBytes)

        return ProcessImage(entry: image.entry + bias, argumentBlock: argcAddr,
                            stackPointer: ((argcAddr - 8) & ~15) + 8, breakStart: breakStart, dataStart: dataStart,
                            psStrings: psStrings, stackTop: stackTop, stackLimit: FreeBSDLayout.stackSize,
                            auxv: auxv, executablePath: executablePath, loadBias: bias)
    }
}
