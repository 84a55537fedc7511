import Glibc

/// Facts about host processes read from /proc: children, descendants, process groups,
/// sessions, credentials and run state. Used where FreeBSD offers a call Linux lacks
/// (wait6 by session or user, procctl's reaper lists, kill to a process group).
enum HostProcesses {
    /// One process as /proc/PID/stat and /proc/PID/status describe it.
    struct Info {
        var pid: Int32
        var ppid: Int32
        var pgrp: Int32
        var session: Int32
        /// R, S, D, Z, T, t, ...
        var state: Character
        var uid: UInt32
        var gid: UInt32
    }

    /// The whole content of a small /proc file, or nil.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += buf.prefix(n)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func info(_ pid: Int32) -> Info? {
        guard let stat = read("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state ppid pgrp session ...
        guard fields.count > 3, let ppid = Int32(fields[1]), let pgrp = Int32(fields[2]), let sid = Int32(fields[3]) else { return nil }
        var info = Info(pid: pid, ppid: ppid, pgrp: pgrp, session: sid, state: fields[0].first ?? "?", uid: 0, gid: 0)
        if let status = read("/proc/\(pid)/status") {
            for line in status.split(separator: "\n") {
                let parts = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                guard parts.count >= 3 else { continue }
                // Real, effective, saved, filesystem: FreeBSD's cr_uid is the effective one.
                if parts[0] == "Uid:" { info.uid = UInt32(parts[2]) ?? 0 }
                if parts[0] == "Gid:" { info.gid = UInt32(parts[2]) ?? 0 }
            }
        }
        return info
    }

    /// Thread ids of a process.
    static func tasks(of pid: Int32) -> [Int32] {
        guard let d = opendir("/proc/\(pid)/task") else { return [] }
        defer { closedir(d) }
        var out: [Int32] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let tid = Int32(name) { out.append(tid) }
        }
        return out
    }

    /// Direct children (of every thread of the process), oldest first as far as Linux lists them.
    static func children(of pid: Int32) -> [Int32] {
        var out: [Int32] = []
        var readable = false
        for tid in tasks(of: pid) {
            if let s = read("/proc/\(pid)/task/\(tid)/children") {
                readable = true
                out += s.split(separator: " ").compactMap { Int32($0.trimmingWhitespace) }
            }
        }
        if !readable {
            // No /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN off): scan every process.
            out = allProcesses().filter { info($0)?.ppid == pid }
        }
        return out
    }

    /// Every descendant, each with the direct child of `pid` whose subtree holds it.
    static func descendants(of pid: Int32) -> [(pid: Int32, subtree: Int32, parent: Int32)] {
        var out: [(Int32, Int32, Int32)] = []
        var queue: [(Int32, Int32, Int32)] = children(of: pid).map { ($0, $0, pid) }
        while !queue.isEmpty {
            let (p, top, parent) = queue.removeFirst()
            out.append((p, top, parent))
            queue += children(of: p).map { ($0, top, p) }
        }
        return out
    }

    static func allProcesses() -> [Int32] {
        guard let d = opendir("/proc") else { return [] }
        defer { closedir(d) }
        var out: [Int32] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let p = Int32(name) { out.append(p) }
        }
        return out
    }

    /// Members of a process group.
    static func members(ofGroup pgrp: Int32) -> [Int32] {
        allProcesses().filter { info($0)?.pgrp == pgrp }
    }
}

/// Blank trimming for the small text files read from /proc.
extension Substring {
    var trimmingWhitespace: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\n" || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" { s = s.dropLast() }
        return s
    }
}
