import Foundation
import PackagePlugin

/// Records which commit the target is built from (see scripts/build-info), so that `taxa
/// --version` names it after a plain `swift build`.
///
/// A build command, not a prebuild one: SwiftPM reuses its build plan (and runs no plugin, so
/// no prebuild command) while no source file changes, which would leave the commit of an
/// earlier build. The command's inputs are what a commit, a checkout or an edit changes — git's
/// HEAD, index and the branch's ref, and every source file of the package — so the build
/// system runs it again exactly when one of them changed.
@main struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let script = package.appending(path: "scripts/build-info")
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let sources = context.package.targets.compactMap { $0 as? SourceModuleTarget }.flatMap { $0.sourceFiles.map(\.url) }
        return [
            .buildCommand(
                displayName: "Recording the commit taxa is built from",
                executable: URL(fileURLWithPath: "/bin/bash"),
                arguments: [script.path, package.path, output.path],
                inputFiles: [script] + gitFiles(package) + sources,
                outputFiles: [output.appending(path: "BuildInfo.swift")])
        ]
    }

    /// The files of the checkout's git directory that change with every commit, checkout or
    /// staging: HEAD, the index, the branch's ref and the packed refs (none outside git).
    func gitFiles(_ package: URL) -> [URL] {
        guard let gitDir = git(["rev-parse", "--absolute-git-dir"], in: package),
            let commonDir = git(["rev-parse", "--path-format=absolute", "--git-common-dir"], in: package)
        else { return [] }
        var files = [gitDir + "/HEAD", gitDir + "/index", commonDir + "/packed-refs"]
        if let branch = git(["symbolic-ref", "-q", "HEAD"], in: package) { files.append(commonDir + "/" + branch) }
        return files.filter { FileManager.default.fileExists(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }

    /// git's answer, trimmed; nil if git is missing or fails (not a checkout).
    func git(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
