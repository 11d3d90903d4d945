import { describe, expect, it } from "vitest";
import { type HostEnvironment, describeProblem, dotnetCandidates, resolveServer } from "../../src/server/serverCommand";

const extension = "/ext";
const bundled = "/ext/server/DeckLsp.Server.dll";
const native = "/ext/server/decklsp";

function host(files: string[], env: Record<string, string> = {}, platform: NodeJS.Platform = "linux"): HostEnvironment {
  return { platform, env, homeDir: "/home/me", isFile: (file) => files.includes(file) };
}

describe("resolveServer", () => {
  it("Bundled_server_runs_with_dotnet_found_on_PATH", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([bundled, "/opt/bin/dotnet"], { PATH: "/usr/bin:/opt/bin" }));
    expect(result).toEqual({ ok: true, server: { command: "/opt/bin/dotnet", args: [bundled, "--stdio"] } });
  });

  it("Dotnet_is_found_in_DOTNET_ROOT_when_not_on_PATH", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([bundled, "/sdk/dotnet"], { PATH: "/usr/bin", DOTNET_ROOT: "/sdk" }));
    expect(result).toMatchObject({ ok: true, server: { command: "/sdk/dotnet" } });
  });

  it("Dotnet_is_found_in_the_home_install_folder", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([bundled, "/home/me/.dotnet/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toMatchObject({ ok: true, server: { command: "/home/me/.dotnet/dotnet" } });
  });

  it("The_dotnetPath_setting_wins_over_PATH", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "~/tools/dotnet" }, extension, host([bundled, "/usr/bin/dotnet", "/home/me/tools/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: true, server: { command: "/home/me/tools/dotnet", args: [bundled, "--stdio"] } });
  });

  it("A_server_path_to_a_dll_runs_with_dotnet", () => {
    const result = resolveServer({ serverPath: "/src/bin/DeckLsp.Server.dll", dotnetPath: "" }, extension, host(["/src/bin/DeckLsp.Server.dll", "/usr/bin/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: true, server: { command: "/usr/bin/dotnet", args: ["/src/bin/DeckLsp.Server.dll", "--stdio"] } });
  });

  it("A_server_path_to_an_executable_runs_it_directly_without_dotnet", () => {
    const result = resolveServer({ serverPath: "/opt/decklsp/DeckLsp.Server", dotnetPath: "" }, extension, host(["/opt/decklsp/DeckLsp.Server"]));
    expect(result).toEqual({ ok: true, server: { command: "/opt/decklsp/DeckLsp.Server", args: ["--stdio"] } });
  });

  it("The_bundled_native_server_runs_directly_without_dotnet", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([native, bundled], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: true, server: { command: native, args: ["--stdio"] } });
  });

  it("The_bundled_native_server_needs_no_dotnet_setting_even_an_invalid_one", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "/nope/dotnet" }, extension, host([native]));
    expect(result).toEqual({ ok: true, server: { command: native, args: ["--stdio"] } });
  });

  it("On_Windows_the_bundled_native_server_is_decklsp_exe", () => {
    const exe = "/ext/server/decklsp.exe";
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([exe, native], {}, "win32"));
    expect(result).toMatchObject({ ok: true, server: { command: exe, args: ["--stdio"] } });
  });

  it("The_server_path_setting_wins_over_the_bundled_native_server", () => {
    const result = resolveServer({ serverPath: "/src/bin/DeckLsp.Server.dll", dotnetPath: "" }, extension, host([native, "/src/bin/DeckLsp.Server.dll", "/usr/bin/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: true, server: { command: "/usr/bin/dotnet", args: ["/src/bin/DeckLsp.Server.dll", "--stdio"] } });
  });

  it("Without_a_native_server_the_bundled_dll_runs_with_dotnet", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([bundled, "/usr/bin/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: true, server: { command: "/usr/bin/dotnet", args: [bundled, "--stdio"] } });
  });

  it("Missing_dotnet_is_reported_with_where_it_looked", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host([bundled], { PATH: "/usr/bin:/bin" }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.kind).toBe("dotnetMissing");
    expect(!result.ok && result.problem.kind === "dotnetMissing" && result.problem.searched).toContain("/usr/bin/dotnet");
  });

  it("A_dotnetPath_that_is_not_a_file_is_reported_not_replaced_by_a_search", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "/nope/dotnet" }, extension, host([bundled, "/usr/bin/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: false, problem: { kind: "dotnetPathInvalid", dotnetPath: "/nope/dotnet" } });
  });

  it("A_missing_server_path_from_the_setting_is_reported", () => {
    const result = resolveServer({ serverPath: "/nope.dll", dotnetPath: "" }, extension, host(["/usr/bin/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: false, problem: { kind: "serverMissing", serverPath: "/nope.dll", fromSetting: true } });
  });

  it("A_missing_bundled_server_is_reported", () => {
    const result = resolveServer({ serverPath: "", dotnetPath: "" }, extension, host(["/usr/bin/dotnet"], { PATH: "/usr/bin" }));
    expect(result).toEqual({ ok: false, problem: { kind: "serverMissing", serverPath: bundled, fromSetting: false } });
  });

  it("On_Windows_dotnet_exe_is_searched_on_Path_and_in_Program_Files", () => {
    const candidates = dotnetCandidates(host([], { Path: "C:\\tools;C:\\bin", ProgramFiles: "C:\\Program Files" }, "win32"));
    expect(candidates).toEqual(["C:\\tools\\dotnet.exe", "C:\\bin\\dotnet.exe", "C:\\Program Files\\dotnet\\dotnet.exe"]);
  });
});

describe("describeProblem", () => {
  it("Missing_dotnet_says_what_is_needed_and_how_to_fix_it", () => {
    const message = describeProblem({ kind: "dotnetMissing", searched: ["/usr/bin/dotnet"] });
    expect(message).toContain(".NET 10");
    expect(message).toContain("`dotnet` was not found");
    expect(message).toContain("https://dotnet.microsoft.com/download/dotnet/10.0");
    expect(message).toContain('"decklsp.dotnetPath"');
    expect(message).toContain("Restart Language Server");
  });

  it("An_invalid_setting_names_the_setting_and_its_value", () => {
    expect(describeProblem({ kind: "dotnetPathInvalid", dotnetPath: "/nope/dotnet" })).toContain('"decklsp.dotnetPath" is set to /nope/dotnet');
    expect(describeProblem({ kind: "serverMissing", serverPath: "/x.dll", fromSetting: true })).toContain('"decklsp.server.path" is set to /x.dll');
    expect(describeProblem({ kind: "serverMissing", serverPath: "/ext/server/DeckLsp.Server.dll", fromSetting: false })).toContain("Reinstall the extension");
  });
});
