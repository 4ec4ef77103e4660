import TaxaBase
import TaxaEngine
import TaxaForms
import TaxaService

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `taxa publish`: the year's site as files, and writing them under an output folder.
package enum PublishSite {
    package struct File: Sendable {
        /// Relative to the output folder: `index.html`, `<tariff id>/index.html`.
        package var path: String
        package var bytes: [UInt8]
    }

    package struct Failure: Error, Sendable {
        package var message: String
    }

    /// The index page and one page per tariff, sorted by path.
    package static func pages(_ site: PublishedSite, generator: String) -> [File] {
        var files = [File(path: "index.html", bytes: Array(PublishHTML.index(site, generator: generator).utf8))]
        for tariff in site.tariffs {
            files.append(File(path: "\(tariff.id)/index.html", bytes: Array(PublishHTML.page(tariff, site: site, generator: generator).utf8)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The same content as one JSON document (one line).
    package static func json(_ site: PublishedSite, generator: String) -> [UInt8] {
        PublishJSON.document(site, generator: generator)
    }

    /// Writes every file under `folder` (created if missing), each atomically. Returns the
    /// files already in the folder that are not part of this site (a tariff removed since the
    /// last run, say), which the caller names so no stale page stays unnoticed.
    package static func write(_ files: [File], to folder: String) throws(Failure) -> [String] {
        try makeFolder(folder)
        for file in files {
            let path = folder + "/" + file.path
            var parent = folder
            for component in file.path.split(separator: "/").dropLast() {
                parent += "/" + component
                try makeFolder(parent)
            }
            do { try FileSystem.writeAtomically(file.bytes, to: path) } catch {
                throw Failure(message: "cannot write \(path): \(error.message)")
            }
        }
        let written = Set(files.map(\.path))
        return existing(folder, under: "").filter { !written.contains($0) }
    }

    private static func makeFolder(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) == 0 || errno == EEXIST {
            guard (try? FileSystem.status(of: path).kind) == .directory else {
                throw Failure(message: "\(path) exists and is not a folder")
            }
            return
        }
        throw Failure(message: "cannot create the folder \(path): \(FileSystem.lastError())")
    }

    /// Every file under `folder`, relative to the output folder, sorted; 16 folders deep at
    /// most (a symbolic link to a folder above would otherwise never end).
    private static func existing(_ folder: String, under prefix: String, depth: Int = 0) -> [String] {
        guard depth < 16 else { return [] }
        var found: [String] = []
        for entry in (try? FileSystem.list(folder)) ?? [] {
            let name = entry.text
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            switch (try? FileSystem.status(of: folder + "/" + name))?.kind {
            case .directory: found += existing(folder + "/" + name, under: relative, depth: depth + 1)
            case .file, .other: found.append(relative)
            case nil: break
            }
        }
        return found
    }
}
