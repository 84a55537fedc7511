import Glibc

/// The sysctl tree the guest can read: FreeBSD's fixed MIB numbers where they exist
/// (sys/sys/sysctl.h), numbers from 0x100 up for FreeBSD's dynamic OIDs (reachable by name
/// through the {0,3} name2oid meta-MIB, as libc and Go do).
enum SysctlType: UInt32 {
    case node = 1, int = 2, string = 3, opaque = 5, uint = 6, long = 7, ulong = 8
    var format: String {
        switch self {
        case .node: return "N"
        case .int: return "I"
        case .string: return "A"
        case .opaque: return "S"
        case .uint: return "IU"
        case .long: return "L"
        case .ulong: return "LU"
        }
    }
}

struct SysctlEntry {
    let name: String
    let oid: [Int32]
    let type: SysctlType
    /// The value's bytes for this process (nil for nodes).
    /// A short buffer takes what fits without ENOMEM (kern.arandom fills what was asked for).
    var fillsBuffer = false
    let read: (GuestProcess) -> [UInt8]
}

extension GuestProcess {
    static func int32Bytes(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func int64Bytes(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func stringBytes(_ s: String) -> [UInt8] { Array(s.utf8) + [0] }

    static var hostName: String {
        var b = [CChar](repeating: 0, count: 256)
        gethostname(&b, 255)
        return String(cString: b)
    }

    static var physicalMemory: UInt64 {
        UInt64(sysconf(Int32(_SC_PHYS_PAGES))) * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }

    static let sysctlTable: [SysctlEntry] = {
        func i(_ n: String, _ o: [Int32], _ v: @escaping (GuestProcess) -> Int32) -> SysctlEntry {
            SysctlEntry(name: n, oid: o, type: .int) { int32Bytes(v($0)) }
        }
        func ul(_ n: String, _ o: [Int32], _ v: @escaping (GuestProcess) -> UInt64) -> SysctlEntry {
            SysctlEntry(name: n, oid: o, type: .ulong) { int64Bytes(v($0)) }
        }
        func s(_ n: String, _ o: [Int32], _ v: @escaping (GuestProcess) -> String) -> SysctlEntry {
            SysctlEntry(name: n, oid: o, type: .string) { stringBytes(v($0)) }
        }
        func node(_ n: String, _ o: [Int32]) -> SysctlEntry { SysctlEntry(name: n, oid: o, type: .node) { _ in [] } }
        let ncpu: (GuestProcess) -> Int32 = { _ in Int32(GuestProcess.hostCPUCount()) }
        return [
            node("kern", [1]), node("vm", [2]), node("hw", [6]),
            s("kern.ostype", [1, 1]) { _ in "FreeBSD" },
            s("kern.osrelease", [1, 2]) { _ in FreeBSDLayout.osRelease },
            i("kern.osrevision", [1, 3]) { _ in 199506 },
            s("kern.version", [1, 4]) { _ in "FreeBSD \(FreeBSDLayout.osRelease) #0: emulated by bsd-user-gdb\n" },
            i("kern.maxproc", [1, 6]) { _ in 40000 },
            i("kern.maxfiles", [1, 7]) { _ in 1_000_000 },
            i("kern.argmax", [1, 8]) { _ in 524_288 },
            i("kern.securelevel", [1, 9]) { _ in -1 },
            s("kern.hostname", [1, 10]) { _ in GuestProcess.hostName },
            ul("kern.hostid", [1, 11]) { _ in UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: gethostid()))) },
            SysctlEntry(name: "kern.clockrate", oid: [1, 12], type: .opaque) { _ in
                int32Bytes(1000) + int32Bytes(1000) + int32Bytes(0) + int32Bytes(128) + int32Bytes(8128)
            },
            node("kern.proc", [1, 14]),
            i("kern.ngroups", [1, 18]) { _ in 1023 },
            i("kern.job_control", [1, 19]) { _ in 1 },
            i("kern.saved_ids", [1, 20]) { _ in 0 },
            SysctlEntry(name: "kern.boottime", oid: [1, 21], type: .opaque) { _ in
                let now = HostInputs.clock(CLOCK_REALTIME) ?? timespec()
                let up = HostInputs.clock(CLOCK_BOOTTIME) ?? timespec()
                var sec = Int64(now.tv_sec) - Int64(up.tv_sec)
                var usec = (Int64(now.tv_nsec) - Int64(up.tv_nsec)) / 1000
                if usec < 0 { usec += 1_000_000; sec -= 1 }
                return int64Bytes(UInt64(bitPattern: sec)) + int64Bytes(UInt64(bitPattern: usec))
            },
            i("kern.osreldate", [1, 24]) { _ in Int32(FreeBSDLayout.osReldate) },
            ul("kern.ps_strings", [1, 32]) { $0.image.psStrings },
            ul("kern.usrstack", [1, 33]) { $0.image.stackTop },
            i("kern.logsigexit", [1, 34]) { _ in 1 },
            i("kern.iov_max", [1, 35]) { _ in 1024 },
            s("kern.hostuuid", [1, 36]) { _ in "00000000-0000-0000-0000-000000000000" },
            SysctlEntry(name: "kern.arandom", oid: [1, 37], type: .opaque, fillsBuffer: true) { _ in HostInputs.randomBytes(256) },
            node("kern.ipc", [1, 30]),
            ul("kern.ipc.maxsockbuf", [1, 30, 1]) { _ in 2_097_152 },
            i("kern.ipc.somaxconn", [1, 30, 3]) { _ in 128 },                // SOMAXCONN
            i("kern.ipc.soacceptqueue", [1, 30, 0x100]) { _ in 128 },
            node("kern.smp", [1, 0x100]),
            i("kern.smp.maxcpus", [1, 0x100, 0x100], ncpu),
            i("kern.smp.cpus", [1, 0x100, 0x101], ncpu),
            i("kern.smp.maxid", [1, 0x100, 0x102]) { _ in Int32(GuestProcess.hostCPUCount() - 1) },
            i("vm.overcommit", [2, 12]) { _ in 0 },
            s("hw.machine", [6, 1]) { _ in "amd64" },
            s("hw.model", [6, 2]) { _ in VirtualCPU.brand },
            i("hw.ncpu", [6, 3], ncpu),
            i("hw.byteorder", [6, 4]) { _ in 1234 },
            ul("hw.physmem", [6, 5]) { _ in GuestProcess.physicalMemory },
            ul("hw.usermem", [6, 6]) { _ in GuestProcess.physicalMemory },
            i("hw.pagesize", [6, 7]) { _ in 4096 },
            i("hw.floatingpoint", [6, 10]) { _ in 1 },
            s("hw.machine_arch", [6, 11]) { _ in "amd64" },
            ul("hw.realmem", [6, 12]) { _ in GuestProcess.physicalMemory },
            SysctlEntry(name: "hw.pagesizes", oid: [6, 0x100], type: .opaque) { _ in
                int64Bytes(4096) + int64Bytes(2 << 20) + int64Bytes(1 << 30)
            },
        ]
    }()

    /// kern.proc.* leaves take the pid (or -1 for self) as the last component.
    func kernProc(_ oid: [Int32]) throws(FreeBSDErrno) -> [UInt8] {
        guard oid.count == 4 else { throw .EINVAL }
        let pid = oid[3]
        guard pid == -1 || pid == getpid() else { throw .ESRCH }
        switch oid[2] {
        case 12: return Self.stringBytes(image.executablePath)                       // KERN_PROC_PATHNAME
        case 7:                                                                        // KERN_PROC_ARGS
            let argv = [options.argv0 ?? options.program] + options.arguments
            return argv.flatMap { Array($0.utf8) + [0] }
        case 40: return Self.int32Bytes(Int32(FreeBSDLayout.osReldate))                 // KERN_PROC_OSREL
        case 39: return Self.int32Bytes(Int32(umaskValue))                              // KERN_PROC_UMASK
        case 41:                                                                        // KERN_PROC_SIGTRAMP
            let start = FreeBSDLayout.sharedPage
            return Self.int64Bytes(start) + Self.int64Bytes(start + UInt64(X86CPU.sharedPageCode.count)) + [UInt8](repeating: 0, count: 32)
        default: throw .ENOENT
        }
    }

    func sysctlLookup(_ name: String) -> SysctlEntry? {
        Self.sysctlTable.first { $0.name == name }
    }

    /// The OID of a name: a table entry, or a kern.proc node whose last component (the pid) the
    /// caller supplies.
    func sysctlOID(named name: String) -> [Int32]? {
        if let e = sysctlLookup(name) { return e.oid }
        switch name {
        case "kern.proc.pathname": return [1, 14, 12]
        case "kern.proc.args": return [1, 14, 7]
        default: return nil
        }
    }

    /// Value bytes for an OID, or the meta-MIB answer.
    func sysctlValue(_ oid: [Int32], newData: [UInt8]?) throws(FreeBSDErrno) -> [UInt8] {
        if oid.first == 0 && oid.count >= 2 {
            switch oid[1] {
            case 3: // name2oid
                guard let nd = newData, !nd.isEmpty else { throw .ENOENT }
                guard nd.count < 1024 else { throw .ENAMETOOLONG }
                let name = String(decoding: nd.prefix { $0 != 0 }, as: UTF8.self)
                guard let oid = sysctlOID(named: name) else { throw .ENOENT }
                return oid.flatMap { Self.int32Bytes($0) }
            case 1: // name
                let target = Array(oid.dropFirst(2))
                guard let e = Self.sysctlTable.first(where: { $0.oid == target }) else { throw .ENOENT }
                return Self.stringBytes(e.name)
            case 4: // oidfmt
                let target = Array(oid.dropFirst(2))
                guard let e = Self.sysctlTable.first(where: { $0.oid == target }) else { throw .ENOENT }
                return Self.int32Bytes(Int32(bitPattern: e.type.rawValue | 0x8000_0000)) + Self.stringBytes(e.type.format)
            case 2, 7: // next (leaf) OID after the given one, depth first
                let target = Array(oid.dropFirst(2))
                let leaves = Self.sysctlTable.filter { $0.type != .node }.map { $0.oid }.sorted { $0.lexicographicallyPrecedes($1) }
                guard let next = leaves.first(where: { target.lexicographicallyPrecedes($0) && !$0.starts(with: target) || target.isEmpty })
                        ?? leaves.first(where: { target.lexicographicallyPrecedes($0) }) else { throw .ENOENT }
                return next.flatMap { Self.int32Bytes($0) }
            default:
                throw .ENOENT
            }
        }
        if oid.count >= 3 && oid[0] == 1 && oid[1] == 14 { return try kernProc(oid) }
        guard let e = Self.sysctlTable.first(where: { $0.oid == oid }) else { throw .ENOENT }
        if e.type == .node { throw .EISDIR }
        if newData != nil { throw .EPERM }
        return e.read(self)
    }

    /// Answers a read of `oid` (with optional new data) into the caller's buffer.
    func sysctlAnswer(_ t: GuestThread, _ oid: [Int32], newData: [UInt8]?, old: UInt64, oldlenp: UInt64) throws(FreeBSDErrno) -> UInt64 {
        let value = try sysctlValue(oid, newData: newData)
        let fills = Self.sysctlTable.first { $0.oid == oid }?.fillsBuffer ?? false
        return try sysctlReply(t, value, old: old, oldlenp: oldlenp, fillsBuffer: fills)
    }

    /// Copies a value out with FreeBSD's rules: NULL old just reports the size; a short
    /// buffer gets what fits and ENOMEM (unless the value fills any buffer).
    func sysctlReply(_ t: GuestThread, _ value: [UInt8], old: UInt64, oldlenp: UInt64, fillsBuffer: Bool = false) throws(FreeBSDErrno) -> UInt64 {
        if old == 0 {
            if oldlenp != 0 { try t.store(oldlenp, UInt64(value.count)) }
            return 0
        }
        guard oldlenp != 0 else { throw .EFAULT }
        let room: UInt64 = try t.load(oldlenp)
        let n = Int(min(room, UInt64(value.count)))
        if n > 0 { try t.copyOut(old, Array(value.prefix(n))) }
        try t.store(oldlenp, UInt64(n))
        if n < value.count && !fillsBuffer { throw .ENOMEM }
        return 0
    }

    func sysSysctl(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        let namelen = a[1]
        guard namelen >= 2 && namelen <= 24 else { throw .EINVAL }
        let rd = StructReader(bytes: try t.copyIn(a[0], count: Int(namelen) * 4))
        let oid = (0..<Int(namelen)).map { rd.get(Int32.self, at: $0 * 4) }
        let newData: [UInt8]? = a[4] != 0 ? try t.copyIn(a[4], count: Int(min(a[5], 1 << 16))) : nil
        if oid == [1, 10], newData != nil { throw .EPERM }   // kern.hostname is root-only
        return try sysctlAnswer(t, oid, newData: newData, old: a[2], oldlenp: a[3])
    }

    func sysSysctlbyname(_ t: GuestThread, _ a: SyscallArgs) throws(FreeBSDErrno) -> UInt64 {
        guard a[1] < 1024 else { throw .ENAMETOOLONG }
        let name = String(decoding: try t.copyIn(a[0], count: Int(a[1])).prefix { $0 != 0 }, as: UTF8.self)
        let newData: [UInt8]? = a[4] != 0 ? try t.copyIn(a[4], count: Int(min(a[5], 1 << 16))) : nil
        guard var oid = sysctlOID(named: name) else { throw .ENOENT }
        if oid.count == 3 && oid[1] == 14 { oid.append(-1) }   // kern.proc.*: this process
        return try sysctlAnswer(t, oid, newData: newData, old: a[2], oldlenp: a[3])
    }
}
