import CLibElf
import Glibc

/// Why a file cannot be run. Each case renders as one clear line for the user.
public enum LoadError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notELF(path: String)
    case truncated(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case wrongClass(path: String)
    case wrongArchitecture(path: String, machine: String)
    case notFreeBSD(path: String, os: String)
    case notExecutable(path: String, type: String)
    case dynamicNotSupported(path: String, interpreter: String)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let r): return "\(p): cannot open: \(r)"
        case .notELF(let p): return "\(p): not an ELF file"
        case .truncated(let p, let d): return "\(p): truncated ELF file (\(d))"
        case .corrupt(let p, let d): return "\(p): corrupt ELF file (\(d))"
        case .wrongClass(let p): return "\(p): not a 64-bit ELF file (only FreeBSD/amd64 executables are supported)"
        case .wrongArchitecture(let p, let m): return "\(p): ELF file is for \(m), not x86-64 (only FreeBSD/amd64 executables are supported)"
        case .notFreeBSD(let p, let os): return "\(p): not a FreeBSD executable (\(os))"
        case .notExecutable(let p, let t): return "\(p): not an executable (\(t))"
        case .dynamicNotSupported(let p, let i): return "\(p): dynamically linked executables (interpreter \(i)) are not supported yet; build it with -static"
        }
    }
}

/// A program header of interest.
public struct ELFSegment: Sendable {
    public let type: UInt32
    public let flags: UInt32
    public let offset: UInt64
    public let vaddr: UInt64
    public let fileSize: UInt64
    public let memorySize: UInt64
    public let align: UInt64
}

/// A FreeBSD ELF executable as the loader needs it, read through libelf: its program headers,
/// entry, interpreter, TLS template and stack flags. Refuses (with `LoadError`) anything that
/// is not a 64-bit x86-64 FreeBSD executable.
public struct ELFImage: Sendable {
    public let path: String
    public let type: UInt16          // ET_EXEC or ET_DYN
    public let entry: UInt64
    public let flags: UInt32         // e_flags
    public let phoff: UInt64
    public let phentsize: UInt16
    public let segments: [ELFSegment]
    public let interpreter: String?
    /// __FreeBSD_version from the ABI note, if present.
    public let freeBSDVersion: UInt32?
    public let fileSize: UInt64
    /// Host file descriptor the image was read from; `close()` it once loaded.
    let fd: Int32

    /// Releases the host descriptor (the guest must not inherit it).
    public func close() { _ = Glibc.close(fd) }

    static let ptLoad: UInt32 = 1, ptInterp: UInt32 = 3, ptNote: UInt32 = 4, ptPhdr: UInt32 = 6,
               ptTLS: UInt32 = 7, ptGNUStack: UInt32 = 0x6474e551

    public var loadSegments: [ELFSegment] { segments.filter { $0.type == ELFImage.ptLoad } }
    public var tls: ELFSegment? { segments.first { $0.type == ELFImage.ptTLS } }
    /// PT_GNU_STACK asks for an executable stack.
    public var executableStack: Bool { segments.first { $0.type == ELFImage.ptGNUStack }.map { $0.flags & 1 != 0 } ?? false }

    public static func open(_ path: String) throws(LoadError) -> ELFImage {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        do {
            return try read(path: path, fd: fd)
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    private static func read(path: String, fd: Int32) throws(LoadError) -> ELFImage {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .cannotOpen(path: path, reason: "is a directory") }
        let fileSize = UInt64(st.st_size)
        // Check the identification bytes ourselves first: clearer messages than libelf's.
        var ident = [UInt8](repeating: 0, count: 64)
        let n = pread(fd, &ident, 64, 0)
        guard n >= 4, ident[0] == 0x7f, ident[1] == 0x45, ident[2] == 0x4c, ident[3] == 0x46 else { throw .notELF(path: path) }
        guard n >= 64 else { throw .truncated(path: path, detail: "ELF header incomplete") }
        guard ident[4] == 2 else { throw .wrongClass(path: path) }
        guard ident[5] == 1 else { throw .wrongArchitecture(path: path, machine: "a big-endian machine") }

        elf_version(UInt32(EV_CURRENT))
        guard let elf = elf_begin(fd, ELF_C_READ, nil) else { throw .corrupt(path: path, detail: String(cString: elf_errmsg(-1))) }
        defer { elf_end(elf) }
        guard elf_kind(elf) == ELF_K_ELF else { throw .notELF(path: path) }
        var ehdr = GElf_Ehdr()
        guard gelf_getehdr(elf, &ehdr) != nil else { throw .corrupt(path: path, detail: String(cString: elf_errmsg(-1))) }
        guard ehdr.e_machine == 62 else { throw .wrongArchitecture(path: path, machine: machineName(ehdr.e_machine)) }
        guard ehdr.e_type == 2 || ehdr.e_type == 3 else {
            throw .notExecutable(path: path, type: ehdr.e_type == 1 ? "relocatable object" : ehdr.e_type == 4 ? "core file" : "ELF type \(ehdr.e_type)")
        }
        guard ehdr.e_phentsize == 56 else { throw .corrupt(path: path, detail: "program header size \(ehdr.e_phentsize)") }
        var phnum = 0
        guard elf_getphdrnum(elf, &phnum) == 0 else { throw .corrupt(path: path, detail: String(cString: elf_errmsg(-1))) }
        guard phnum > 0 else { throw .notExecutable(path: path, type: "no program headers") }
        guard ehdr.e_phoff &+ UInt64(phnum) * 56 <= fileSize else { throw .truncated(path: path, detail: "program headers past end of file") }

        var segments: [ELFSegment] = []
        for i in 0..<Int32(phnum) {
            var ph = GElf_Phdr()
            guard gelf_getphdr(elf, i, &ph) != nil else { throw .corrupt(path: path, detail: "program header \(i): \(String(cString: elf_errmsg(-1)))") }
            let seg = ELFSegment(type: ph.p_type, flags: ph.p_flags, offset: ph.p_offset, vaddr: ph.p_vaddr,
                                 fileSize: ph.p_filesz, memorySize: ph.p_memsz, align: ph.p_align)
            if seg.type == ptLoad || seg.type == ptInterp || seg.type == ptNote || seg.type == ptTLS {
                guard seg.offset &+ seg.fileSize >= seg.offset, seg.offset + seg.fileSize <= fileSize else {
                    throw .truncated(path: path, detail: "segment \(i) extends past end of file")
                }
            }
            if seg.type == ptLoad {
                guard seg.memorySize >= seg.fileSize else { throw .corrupt(path: path, detail: "segment \(i) file size exceeds memory size") }
                guard seg.vaddr &+ seg.memorySize >= seg.vaddr, seg.vaddr + seg.memorySize <= guestAddressLimit else {
                    throw .corrupt(path: path, detail: "segment \(i) outside the user address space")
                }
                if seg.align > 1 && (seg.vaddr % 4096) != (seg.offset % 4096) {
                    throw .corrupt(path: path, detail: "segment \(i) misaligned")
                }
            }
            segments.append(seg)
        }
        guard segments.contains(where: { $0.type == ptLoad }) else { throw .notExecutable(path: path, type: "no loadable segments") }

        var interpreter: String? = nil
        if let pi = segments.first(where: { $0.type == ptInterp }) {
            var buf = [UInt8](repeating: 0, count: Int(min(pi.fileSize, 4096)))
            _ = pread(fd, &buf, buf.count, off_t(pi.offset))
            interpreter = String(decoding: buf.prefix { $0 != 0 }, as: UTF8.self)
        }

        // FreeBSD? EI_OSABI 9, or the ".note.tag" ABI note (name "FreeBSD", type 1).
        var version: UInt32? = nil
        for note in segments where note.type == ptNote {
            if let v = freeBSDNote(fd: fd, offset: note.offset, size: note.fileSize) { version = v }
        }
        let osabi = ident[7]
        if osabi != 9 && version == nil {
            let os: String
            if osabi == 3 || interpreter?.contains("ld-linux") == true || interpreter?.contains("ld-musl") == true {
                os = "it is a Linux executable; run it directly"
            } else if osabi == 0 {
                os = "no FreeBSD ABI note and EI_OSABI is System V"
            } else {
                os = "EI_OSABI \(osabi)"
            }
            throw .notFreeBSD(path: path, os: os)
        }
        return ELFImage(path: path, type: ehdr.e_type, entry: ehdr.e_entry, flags: ehdr.e_flags, phoff: ehdr.e_phoff,
                        phentsize: ehdr.e_phentsize, segments: segments, interpreter: interpreter,
                        freeBSDVersion: version, fileSize: fileSize, fd: fd)
    }

    /// Reads a PT_NOTE segment and returns the FreeBSD ABI tag's version if present.
    private static func freeBSDNote(fd: Int32, offset: UInt64, size: UInt64) -> UInt32? {
        guard size < 1 << 20 else { return nil }
        var buf = [UInt8](repeating: 0, count: Int(size))
        guard pread(fd, &buf, buf.count, off_t(offset)) == buf.count else { return nil }
        var p = 0
        func u32(_ at: Int) -> UInt32 { UInt32(buf[at]) | UInt32(buf[at + 1]) << 8 | UInt32(buf[at + 2]) << 16 | UInt32(buf[at + 3]) << 24 }
        while p + 12 <= buf.count {
            let namesz = Int(u32(p)), descsz = Int(u32(p + 4)), type = u32(p + 8)
            let nameStart = p + 12
            let descStart = nameStart + ((namesz + 3) & ~3)
            let next = descStart + ((descsz + 3) & ~3)
            guard namesz < 1 << 16, descsz < 1 << 16, next <= buf.count else { return nil }
            let name = buf[nameStart..<nameStart + namesz].prefix { $0 != 0 }
            if type == 1 && Array(name) == Array("FreeBSD".utf8) && descsz >= 4 { return u32(descStart) }
            p = next
        }
        return nil
    }

    static func machineName(_ m: UInt16) -> String {
        switch m {
        case 3: return "i386"
        case 40: return "ARM"
        case 183: return "AArch64"
        case 243: return "RISC-V"
        case 8: return "MIPS"
        case 20, 21: return "PowerPC"
        default: return "machine \(m)"
        }
    }
}
