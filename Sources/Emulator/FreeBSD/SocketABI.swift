import Glibc

/// FreeBSD errno values the socket layer uses beyond the common ones in Errno.swift.
extension FreeBSDErrno {
    static let EDESTADDRREQ = FreeBSDErrno(39), EMSGSIZE = FreeBSDErrno(40), EPROTOTYPE = FreeBSDErrno(41),
        ENOPROTOOPT = FreeBSDErrno(42), EPROTONOSUPPORT = FreeBSDErrno(43), EAFNOSUPPORT = FreeBSDErrno(47),
        ENOTCONN = FreeBSDErrno(57)
}

/// FreeBSD <-> Linux translation for sockets, in one place: address families, socket types
/// and creation flags, socket addresses (FreeBSD's leading `sa_len` byte and 104-byte
/// `sun_path`), socket option levels, numbers and values, MSG_* flags and control messages
/// (FreeBSD's 12-byte `cmsghdr` with a 32-bit length vs Linux's 16-byte one; both align data
/// to 8 bytes, so lengths agree). Unit-tested in both directions (SocketABITests).
public enum SocketABI {
    // MARK: Address families

    public static let AF_UNSPEC: Int32 = 0, AF_UNIX: Int32 = 1, AF_INET: Int32 = 2, AF_INET6: Int32 = 28
    static let linuxAF_INET6: Int32 = 10

    public static func familyToLinux(_ f: Int32) -> Int32? {
        switch f {
        case 0, 1, 2: return f
        case 28: return linuxAF_INET6
        default: return nil
        }
    }

    public static func familyFromLinux(_ f: Int32) -> Int32 {
        switch f {
        case 10: return AF_INET6
        case 16: return 38           // AF_NETLINK
        default: return f
        }
    }

    // MARK: Socket types and creation flags

    public static let SOCK_CLOEXEC: UInt32 = 0x1000_0000, SOCK_NONBLOCK: UInt32 = 0x2000_0000

    /// socket()/socketpair() `type`: the base type (same numbers on both systems) plus
    /// FreeBSD's creation flags, or nil for bits FreeBSD does not define.
    public static func socketTypeToLinux(_ t: UInt32) -> Int32? {
        let base = t & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)
        guard base < 0x100 else { return nil }
        var out = Int32(base)
        if t & SOCK_CLOEXEC != 0 { out |= Linux.SOCK_CLOEXEC }
        if t & SOCK_NONBLOCK != 0 { out |= Linux.SOCK_NONBLOCK }
        return out
    }

    /// accept4() flags (only SOCK_CLOEXEC and SOCK_NONBLOCK are allowed).
    public static func acceptFlagsToLinux(_ f: UInt32) -> Int32? {
        guard f & ~(SOCK_CLOEXEC | SOCK_NONBLOCK) == 0 else { return nil }
        return (f & SOCK_CLOEXEC != 0 ? Linux.SOCK_CLOEXEC : 0) | (f & SOCK_NONBLOCK != 0 ? Linux.SOCK_NONBLOCK : 0)
    }

    // MARK: Socket addresses

    /// Longest address FreeBSD accepts from user space (SOCK_MAXADDRLEN).
    public static let maxAddressLength = 255
    /// Bytes of `sun_path` on Linux (FreeBSD has 104).
    static let linuxSunPath = 108

    /// A guest socket address (FreeBSD layout, the `namelen` bytes the caller passed) in the
    /// Linux layout. FreeBSD takes the length from `namelen`, not from `sa_len`.
    public static func sockaddrToLinux(_ b: [UInt8]) throws(FreeBSDErrno) -> [UInt8] {
        if b.count > maxAddressLength { throw .ENAMETOOLONG }
        if b.count < 2 { throw .EINVAL }
        let family = Int32(b[1])
        switch family {
        case AF_INET:
            guard b.count >= 16 else { throw .EINVAL }
            var out = [UInt8](repeating: 0, count: 16)
            out[0] = UInt8(AF_INET)
            for i in 2..<8 { out[i] = b[i] }          // port, address; sin_zero stays zero
            return out
        case AF_INET6:
            guard b.count >= 28 else { throw .EINVAL }
            var out = [UInt8](repeating: 0, count: 28)
            out[0] = UInt8(linuxAF_INET6)
            for i in 2..<28 { out[i] = b[i] }          // port, flowinfo, address, scope id
            return out
        case AF_UNIX:
            guard let path = unixPath(b) else { throw .EINVAL }
            return try unixSockaddr(path)
        case AF_UNSPEC:
            var out = [UInt8](repeating: 0, count: max(16, b.count))
            for i in 2..<b.count { out[i] = b[i] }
            out[0] = 0; out[1] = 0
            return out
        default:
            throw .EAFNOSUPPORT
        }
    }

    /// The path of a FreeBSD `sockaddr_un` (up to the first NUL within `namelen`); nil when
    /// there is no path byte at all (FreeBSD's EINVAL).
    public static func unixPath(_ b: [UInt8]) -> [UInt8]? {
        guard b.count > 2 else { return nil }
        return Array(b[2...].prefix { $0 != 0 })
    }

    /// A Linux `sockaddr_un` for a path. An empty path would name Linux's abstract namespace,
    /// which FreeBSD does not have: there it is a lookup of "" (ENOENT).
    public static func unixSockaddr(_ path: [UInt8]) throws(FreeBSDErrno) -> [UInt8] {
        if path.isEmpty { throw .ENOENT }
        if path.count >= linuxSunPath { throw .ENAMETOOLONG }
        var out: [UInt8] = [UInt8(AF_UNIX), 0]
        out += path
        out.append(0)
        return out
    }

    /// A host socket address (`length` valid bytes) in FreeBSD layout with `sa_len` filled.
    /// An unnamed AF_UNIX address is FreeBSD's `sun_noname` (16 bytes, family only).
    public static func sockaddrFromLinux(_ b: [UInt8], length: Int) -> [UInt8] {
        let n = min(length, b.count)
        if n < 2 { return [] }
        let family = Int32(UInt16(b[0]) | UInt16(b[1]) << 8)
        func body(_ size: Int, _ fam: Int32) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: size)
            out[0] = UInt8(size)
            out[1] = UInt8(truncatingIfNeeded: fam)
            for i in 2..<min(size, n) { out[i] = b[i] }
            return out
        }
        switch family {
        case AF_INET: return body(16, AF_INET)
        case linuxAF_INET6: return body(28, AF_INET6)
        case AF_UNIX:
            if n <= 2 || b[2] == 0 {
                var noname = [UInt8](repeating: 0, count: 16)
                noname[0] = 16
                noname[1] = UInt8(AF_UNIX)
                return noname
            }
            let path = Array(b[2..<n].prefix { $0 != 0 })
            var out: [UInt8] = [UInt8(min(maxAddressLength, 2 + path.count + 1)), UInt8(AF_UNIX)]
            out += path
            out.append(0)
            return out
        default:
            let size = min(maxAddressLength, max(16, n))
            return body(size, familyFromLinux(family))
        }
    }

    // MARK: Socket options

    public static let SOL_SOCKET: Int32 = 0xffff
    static let linuxSOL_SOCKET: Int32 = 1
    public static let IPPROTO_IP: Int32 = 0, IPPROTO_TCP: Int32 = 6, IPPROTO_UDP: Int32 = 17, IPPROTO_IPV6: Int32 = 41
    /// Level 0 on an AF_UNIX socket (LOCAL_PEERCRED and friends).
    public static let SOL_LOCAL: Int32 = 0
    public static let SO_NOSIGPIPE: Int32 = 0x800

    /// How an option's value is carried between the two systems.
    public enum OptionValue: Equatable, Sendable {
        /// Same bytes on both sides (ints, structs with the same layout, strings).
        case passThrough
        /// A boolean FreeBSD reports as a flag bit when on (sogetopt's `so_options & name`,
        /// TCP's `t_flags & TF_NODELAY`); set as an int.
        case flag(Int32)
        /// SO_LINGER: struct linger, whose l_onoff FreeBSD reports as SO_LINGER's bit.
        case linger
        /// An int Linux doubles on set and reports doubled (SO_SNDBUF, SO_RCVBUF).
        case bufferSize
        /// SO_ERROR: a pending errno, translated.
        case error
        /// SO_DOMAIN: an address family, translated.
        case domain
        /// SO_NOSIGPIPE: kept by the emulator (Linux has only MSG_NOSIGNAL).
        case noSigPipe
        /// FreeBSD-only tuning accepted and ignored on set; reads give `defaultValue`.
        case accepted(defaultValue: Int32)
        /// LOCAL_PEERCRED: Linux SO_PEERCRED rewritten as FreeBSD's `struct xucred`.
        case peerCred
        /// SO_LISTENQLIMIT / SO_LISTENQLEN / SO_LISTENINCQLEN from the host's TCP_INFO.
        case listenQueue(which: Int)
    }

    /// A socket option on the Linux side.
    public struct LinuxOption: Equatable, Sendable {
        public let level: Int32
        public let name: Int32
        public let value: OptionValue
    }

    /// FreeBSD (level, name) -> Linux option; nil is FreeBSD's ENOPROTOOPT. `unixDomain`
    /// tells level 0 apart (SOL_LOCAL on AF_UNIX sockets, IPPROTO_IP otherwise).
    public static func optionToLinux(level: Int32, name: Int32, unixDomain: Bool = false) -> LinuxOption? {
        func o(_ l: Int32, _ n: Int32, _ v: OptionValue = .passThrough) -> LinuxOption { LinuxOption(level: l, name: n, value: v) }
        let S = linuxSOL_SOCKET
        switch level {
        case SOL_SOCKET:
            switch name {
            case 0x1: return o(S, 1, .flag(0x1))                // SO_DEBUG
            case 0x2: return o(S, 30, .flag(0x2))               // SO_ACCEPTCONN
            case 0x4: return o(S, 2, .flag(0x4))                // SO_REUSEADDR
            case 0x8: return o(S, 9, .flag(0x8))                // SO_KEEPALIVE
            case 0x10: return o(S, 5, .flag(0x10))              // SO_DONTROUTE
            case 0x20: return o(S, 6, .flag(0x20))              // SO_BROADCAST
            case 0x80: return o(S, 13, .linger)                 // SO_LINGER
            case 0x100: return o(S, 10, .flag(0x100))           // SO_OOBINLINE
            case 0x200: return o(S, 15, .flag(0x200))           // SO_REUSEPORT
            case 0x400: return o(S, 29, .flag(0x400))           // SO_TIMESTAMP
            case 0x800: return o(S, 0, .noSigPipe)              // SO_NOSIGPIPE
            case 0x4000, 0x8000: return o(S, 0, .accepted(defaultValue: 0))// SO_NO_OFFLOAD, SO_NO_DDP
            case 0x10000: return o(S, 15, .flag(0x10000))       // SO_REUSEPORT_LB
            case 0x1001: return o(S, 7, .bufferSize)            // SO_SNDBUF
            case 0x1002: return o(S, 8, .bufferSize)            // SO_RCVBUF
            case 0x1003: return o(S, 0, .accepted(defaultValue: 2048))// SO_SNDLOWAT
            case 0x1004: return o(S, 18)                        // SO_RCVLOWAT
            case 0x1005: return o(S, 21)                        // SO_SNDTIMEO
            case 0x1006: return o(S, 20)                        // SO_RCVTIMEO
            case 0x1007: return o(S, 4, .error)                 // SO_ERROR
            case 0x1008: return o(S, 3)                         // SO_TYPE
            case 0x1011: return o(S, 0, .listenQueue(which: 0)) // SO_LISTENQLIMIT
            case 0x1012: return o(S, 0, .listenQueue(which: 1)) // SO_LISTENQLEN
            case 0x1013: return o(S, 0, .listenQueue(which: 2)) // SO_LISTENINCQLEN
            case 0x1014, 0x1015: return o(S, 0, .accepted(defaultValue: 0))// SO_SETFIB, SO_USER_COOKIE
            case 0x1016: return o(S, 38)                        // SO_PROTOCOL
            case 0x1018: return o(S, 47)                        // SO_MAX_PACING_RATE
            case 0x1019: return o(S, 39, .domain)               // SO_DOMAIN
            default: return nil
            }
        case IPPROTO_IP where unixDomain:
            switch name {
            case 1: return o(S, 17, .peerCred)                  // LOCAL_PEERCRED
            default: return nil
            }
        case IPPROTO_IP:
            switch name {
            case 1: return o(0, 4)                              // IP_OPTIONS
            case 2: return o(0, 3)                              // IP_HDRINCL
            case 3: return o(0, 1)                              // IP_TOS
            case 4: return o(0, 2)                              // IP_TTL
            case 9: return o(0, 32)                             // IP_MULTICAST_IF
            case 10: return o(0, 33)                            // IP_MULTICAST_TTL
            case 11: return o(0, 34)                            // IP_MULTICAST_LOOP
            case 12: return o(0, 35)                            // IP_ADD_MEMBERSHIP
            case 13: return o(0, 36)                            // IP_DROP_MEMBERSHIP
            case 19: return o(0, 0, .accepted(defaultValue: 0)) // IP_PORTRANGE
            case 24: return o(0, 15)                            // IP_BINDANY ~ IP_FREEBIND
            case 65: return o(0, 12)                            // IP_RECVTTL
            case 66: return o(0, 21)                            // IP_MINTTL
            case 68: return o(0, 13)                            // IP_RECVTOS
            default: return nil
            }
        case IPPROTO_TCP:
            switch name {
            case 0x1: return o(6, 1, .flag(0x4))                // TCP_NODELAY (TF_NODELAY)
            case 0x2: return o(6, 2)                            // TCP_MAXSEG
            case 0x4: return o(6, 3, .flag(0x1000))             // TCP_NOPUSH ~ TCP_CORK (TF_NOPUSH)
            case 0x40: return o(6, 13)                          // TCP_CONGESTION
            case 0x80: return o(6, 0, .accepted(defaultValue: 75))// TCP_KEEPINIT (seconds)
            case 0x100: return o(6, 4)                          // TCP_KEEPIDLE
            case 0x200: return o(6, 5)                          // TCP_KEEPINTVL
            case 0x400: return o(6, 6)                          // TCP_KEEPCNT
            default: return nil
            }
        case IPPROTO_IPV6:
            switch name {
            case 4: return o(41, 16)                            // IPV6_UNICAST_HOPS
            case 9: return o(41, 17)                            // IPV6_MULTICAST_IF
            case 10: return o(41, 18)                           // IPV6_MULTICAST_HOPS
            case 11: return o(41, 19)                           // IPV6_MULTICAST_LOOP
            case 12: return o(41, 20)                           // IPV6_JOIN_GROUP
            case 13: return o(41, 21)                           // IPV6_LEAVE_GROUP
            case 14: return o(41, 0, .accepted(defaultValue: 0))// IPV6_PORTRANGE
            case 26: return o(41, 7)                            // IPV6_CHECKSUM
            case 27: return o(41, 26)                           // IPV6_V6ONLY
            case 36: return o(41, 49)                           // IPV6_RECVPKTINFO
            case 37: return o(41, 51)                           // IPV6_RECVHOPLIMIT
            case 46: return o(41, 50)                           // IPV6_PKTINFO
            case 47: return o(41, 52)                           // IPV6_HOPLIMIT
            case 57: return o(41, 66)                           // IPV6_RECVTCLASS
            case 61: return o(41, 67)                           // IPV6_TCLASS
            case 62: return o(41, 62)                           // IPV6_DONTFRAG
            default: return nil
            }
        default:
            return nil
        }
    }

    /// FreeBSD `struct xucred` (88 bytes) for LOCAL_PEERCRED from Linux `struct ucred`.
    public static func xucred(pid: Int32, uid: UInt32, gid: UInt32) -> [UInt8] {
        var w = StructWriter(size: 88)
        w.put(UInt32(0), at: 0)          // cr_version = XUCRED_VERSION
        w.put(uid, at: 4)
        w.put(Int16(1), at: 8)           // cr_ngroups
        w.put(gid, at: 12)               // cr_groups[0]
        w.put(pid, at: 80)               // cr_pid
        return w.bytes
    }

    // MARK: MSG_* flags

    /// (FreeBSD, Linux) pairs for flags passed to send/recv calls.
    static let msgInputPairs: [(UInt32, Int32)] = [
        (0x1, 0x1), (0x2, 0x2), (0x4, 0x4), (0x8, 0x80), (0x40, 0x100), (0x80, 0x40),
        (0x4000, 0x40), (0x20000, 0x4000), (0x40000, 0x4000_0000), (0x80000, 0x10000),
    ]
    /// (FreeBSD, Linux) pairs for `msg_flags` the kernel reports.
    static let msgOutputPairs: [(UInt32, Int32)] = [(0x1, 0x1), (0x8, 0x80), (0x10, 0x20), (0x20, 0x8)]

    public static let MSG_NOSIGNAL: UInt32 = 0x20000, MSG_EOF: UInt32 = 0x100, MSG_CMSG_CLOEXEC: UInt32 = 0x40000

    /// Flags to a send or receive call. FreeBSD bits without a Linux meaning here (MSG_EOF,
    /// which the caller emulates, MSG_NOTIFICATION, kernel-internal bits) are dropped, as
    /// FreeBSD itself ignores flags a protocol does not use.
    public static func msgFlagsToLinux(_ f: UInt32) -> Int32 {
        var out: Int32 = 0
        for (b, l) in msgInputPairs where f & b != 0 { out |= l }
        return out
    }

    public static func msgFlagsFromLinux(_ l: Int32) -> UInt32 {
        var out: UInt32 = 0
        for (b, lf) in msgOutputPairs where l & lf != 0 { out |= b }
        return out
    }

    // MARK: Control messages

    /// One control message, in either system's numbering.
    public struct ControlMessage: Equatable, Sendable {
        public var level: Int32
        public var type: Int32
        public var data: [UInt8]
        public init(level: Int32, type: Int32, data: [UInt8]) { self.level = level; self.type = type; self.data = data }
    }

    static func align8(_ n: Int) -> Int { (n + 7) & ~7 }

    /// FreeBSD `msg_control` bytes -> messages. A header that is shorter than `cmsghdr` or
    /// longer than what is left is FreeBSD's EINVAL.
    public static func parseFreeBSDControl(_ b: [UInt8]) throws(FreeBSDErrno) -> [ControlMessage] {
        var out: [ControlMessage] = []
        var off = 0
        while b.count - off >= 12 {
            let r = StructReader(bytes: Array(b[off..<(off + 12)]))
            let len = Int(r.get(UInt32.self, at: 0))
            if len < 12 || len > b.count - off { throw .EINVAL }
            let data = len > 16 ? Array(b[(off + 16)..<(off + len)]) : []
            out.append(ControlMessage(level: r.get(Int32.self, at: 4), type: r.get(Int32.self, at: 8), data: data))
            off += align8(len)
        }
        return out
    }

    /// Messages -> FreeBSD layout (cmsg_len u32, level, type, 4 bytes padding, data padded to 8).
    public static func encodeFreeBSDControl(_ msgs: [ControlMessage]) -> [UInt8] {
        var out: [UInt8] = []
        for m in msgs { out += freeBSDControlBytes(m) }
        return out
    }

    /// One message in FreeBSD layout, padded to its CMSG_SPACE.
    public static func freeBSDControlBytes(_ m: ControlMessage) -> [UInt8] {
        var w = StructWriter(size: 16 + align8(m.data.count))
        w.put(UInt32(16 + m.data.count), at: 0)
        w.put(m.level, at: 4)
        w.put(m.type, at: 8)
        w.put(m.data, at: 16)
        return w.bytes
    }

    /// Messages -> Linux layout (cmsg_len size_t, level, type, data padded to 8).
    public static func encodeLinuxControl(_ msgs: [ControlMessage]) -> [UInt8] {
        var out: [UInt8] = []
        for m in msgs {
            var w = StructWriter(size: 16 + align8(m.data.count))
            w.put(UInt64(16 + m.data.count), at: 0)
            w.put(m.level, at: 8)
            w.put(m.type, at: 12)
            w.put(m.data, at: 16)
            out += w.bytes
        }
        return out
    }

    /// Linux `msg_control` bytes (the `msg_controllen` the kernel reported) -> messages.
    public static func parseLinuxControl(_ b: [UInt8]) -> [ControlMessage] {
        var out: [ControlMessage] = []
        var off = 0
        while b.count - off >= 16 {
            let r = StructReader(bytes: Array(b[off..<(off + 16)]))
            let len = Int(truncatingIfNeeded: r.get(UInt64.self, at: 0))
            if len < 16 || len > b.count - off { break }
            out.append(ControlMessage(level: r.get(Int32.self, at: 8), type: r.get(Int32.self, at: 12),
                                      data: Array(b[(off + 16)..<(off + len)])))
            off += align8(len)
        }
        return out
    }

    public static let SCM_RIGHTS: Int32 = 1, SCM_TIMESTAMP: Int32 = 2, SCM_CREDS: Int32 = 3

    /// A FreeBSD message to send -> its Linux form; nil drops it (SCM_CREDS: the credentials
    /// FreeBSD's kernel would fill in are not passed). Unknown messages are FreeBSD's EINVAL.
    public static func controlToLinux(_ m: ControlMessage) throws(FreeBSDErrno) -> ControlMessage? {
        switch (m.level, m.type) {
        case (SOL_SOCKET, SCM_RIGHTS): return ControlMessage(level: linuxSOL_SOCKET, type: 1, data: m.data)
        case (SOL_SOCKET, SCM_CREDS): return nil
        case (IPPROTO_IPV6, 46): return ControlMessage(level: 41, type: 50, data: m.data)   // IPV6_PKTINFO
        case (IPPROTO_IPV6, 47): return ControlMessage(level: 41, type: 52, data: m.data)   // IPV6_HOPLIMIT
        case (IPPROTO_IPV6, 61): return ControlMessage(level: 41, type: 67, data: m.data)   // IPV6_TCLASS
        default: throw .EINVAL
        }
    }

    /// A received Linux message -> its FreeBSD form; nil drops it.
    public static func controlFromLinux(_ m: ControlMessage) -> ControlMessage? {
        switch (m.level, m.type) {
        case (linuxSOL_SOCKET, 1): return ControlMessage(level: SOL_SOCKET, type: SCM_RIGHTS, data: m.data)
        case (linuxSOL_SOCKET, 29): return ControlMessage(level: SOL_SOCKET, type: SCM_TIMESTAMP, data: m.data)
        case (0, 2):                                   // IP_TTL (int) -> IP_RECVTTL (u_char)
            let v = m.data.count >= 4 ? StructReader(bytes: m.data).get(Int32.self, at: 0) : 0
            return ControlMessage(level: IPPROTO_IP, type: 65, data: [UInt8(truncatingIfNeeded: v)])
        case (0, 1): return ControlMessage(level: IPPROTO_IP, type: 68, data: Array(m.data.prefix(1)))   // IP_TOS -> IP_RECVTOS
        case (41, 50): return ControlMessage(level: IPPROTO_IPV6, type: 46, data: m.data)
        case (41, 52): return ControlMessage(level: IPPROTO_IPV6, type: 47, data: m.data)
        case (41, 67): return ControlMessage(level: IPPROTO_IPV6, type: 61, data: m.data)
        default: return nil
        }
    }

    /// The descriptors an SCM_RIGHTS payload carries.
    public static func descriptors(in data: [UInt8]) -> [Int32] {
        let r = StructReader(bytes: data)
        return (0..<(data.count / 4)).map { r.get(Int32.self, at: $0 * 4) }
    }
}
