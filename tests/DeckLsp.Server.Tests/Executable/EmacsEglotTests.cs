using System.Diagnostics;
using System.Text.RegularExpressions;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// The README's Emacs setup end to end: Debian's Emacs 28 and its Eglot 1.9, in batch with no init of their own, load
/// the README's two snippets as written (but <c>text-mode</c> for <c>markdown-mode</c>, which the README allows, and the
/// server under test for <c>decklsp</c>), open a deck and run the server. Two things are stood in for: the command loop,
/// which runs <c>post-command-hook</c> (where <c>eglot-ensure</c> connects) after the file is opened; and the user's
/// keys in the minibuffer: <c>completing-read</c> completes what a user types before TAB ("Sh", "5") among the
/// prompt's actions, as Emacs's own completion would.
/// </summary>
public sealed class EmacsEglotTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // Line 7 is the question without an answer (DECK001).
    private const string Deck = """
        # Emacs

        Q: What is 2 + 2?

        A: 4

        Q: Which card has no answer?

        Q: What is 3 + 3?

        A: 6

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Flymake_shows_the_server_diagnostic_with_its_code_on_its_line()
    {
        var log = await RunEmacs("""
            (decklsp-test-wait "diagnostics" 60 (lambda () (flymake-diagnostics)))
            (dolist (d (flymake-diagnostics))
              (decklsp-test-log "diagnostic"
                (format "%d\t%s\t%s" (line-number-at-pos (flymake-diagnostic-beg d))
                        (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
            """);

        var diagnostic = Assert.Single(log, l => l.StartsWith("diagnostic\t", StringComparison.Ordinal));
        Assert.StartsWith("diagnostic\t7\teglot-error\tdecklsp [DECK001]: This question has no answer", diagnostic);
    }

    [Fact]
    public async Task Decklsp_study_asks_in_the_minibuffer_and_the_ratings_land_in_the_history()
    {
        var log = await RunEmacs("""
            ;; A busy Emacs: when it reads again, the command's answer and the first prompt have both arrived.
            (advice-add 'jsonrpc-connection-send :after
              (lambda (_connection &rest message)
                (when (eq (plist-get message :method) :workspace/executeCommand)
                  (call-process "sleep" nil nil nil "1"))))
            (let (summary)
              (cl-defmethod eglot-handle-notification :before
                (_server (_method (eql window/showMessage)) &key message &allow-other-keys)
                (decklsp-test-log "message" message)
                (setq summary (string-prefix-p "Studied" message)))
              (cl-letf (((symbol-function 'completing-read)
                         (lambda (prompt actions &rest _)
                           (decklsp-test-log "prompt" (concat prompt (string-join actions " | ")))
                           (try-completion (if (member "Show answer" actions) "Sh" "5") actions))))
                (decklsp-study)
                (decklsp-test-wait "the summary" 60 (lambda () summary))))
            """);

        var prompts = log.Where(l => l.StartsWith("prompt\t", StringComparison.Ordinal)).ToList();
        Assert.Contains("Card 1 of", prompts[0]);
        Assert.Contains("What is 2 + 2?", prompts[0]);
        Assert.EndsWith("Show answer | Stop", prompts[0]);
        Assert.Matches(@"— Answer —\\n\\n4\\n.*1 Not at all · [0-9.]+m .*\| 5 Perfectly · [0-9.]+d \| Stop$", prompts[1]);
        var rated = prompts.Count(p => p.Contains("5 Perfectly", StringComparison.Ordinal));
        Assert.Contains($"message\tStudied {rated} cards", string.Join("\n", log));
        var ratings = HistoryProbe.DatabaseRatings(Database);
        Assert.Equal(rated, ratings.Count);
        Assert.All(ratings, r => Assert.Equal(5, r.Rating));
    }

    private string Database => Path.Combine(_folder.Path, "reviews.db");

    // Runs the README's setup, opens the deck, waits for Eglot to connect, then runs the steps; returns what the
    // script logged (kind, tab, text per line) once Emacs has exited 0.
    private async Task<IReadOnlyList<string>> RunEmacs(string steps)
    {
        var deck = _folder.Write("emacs.deck.md", Deck);
        var server = ServerUnderTest.StartInfo(["--stdio", "--db", Database]);
        var command = "(" + string.Join(" ", new[] { server.FileName }.Concat(server.ArgumentList).Select(Elisp)) + ")";
        var (setup, study) = ReadmeSnippets();
        setup = Substitute(Substitute(setup, "markdown-mode", "text-mode"), "(\"decklsp\" \"--stdio\")", command);
        var script = _folder.Write("init.el", $$"""
            ;;; -*- lexical-binding: t -*-
            ;; Debian's packages (eglot-1.9), which -Q leaves out; the user's own folder is the test's.
            (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
            (setq package-user-dir {{Elisp(Path.Combine(_folder.Path, "elpa"))}})
            (package-initialize)
            ;; Else every run compiles Eglot to native code in Emacs processes of its own.
            (setq native-comp-deferred-compilation nil)

            {{setup}}

            {{study}}

            (defun decklsp-test-log (kind text)
              (princ (format "%s\t%s\n" kind (replace-regexp-in-string "\n" "\\\\n" text))))
            (defun decklsp-test-fail (why)
              (decklsp-test-log "error" why)
              (kill-emacs 3))
            (defun decklsp-test-wait (what seconds done)
              (let ((deadline (+ (float-time) seconds)))
                (while (and (not (funcall done)) (< (float-time) deadline))
                  (accept-process-output nil 0.1))
                (unless (funcall done) (decklsp-test-fail (format "timed out waiting for %s" what)))))

            (condition-case problem
                (progn
                  (find-file {{Elisp(deck)}})
                  (decklsp-test-log "mode" (symbol-name major-mode))
                  (run-hooks 'post-command-hook)
                  (decklsp-test-wait "Eglot to connect" 60 #'eglot-current-server)
            {{steps}}
                  (kill-emacs 0))
              (error (decklsp-test-fail (error-message-string problem))))
            """);

        var start = new ProcessStartInfo("emacs") { ArgumentList = { "--batch", "-Q", "-l", script } };
        start.Environment["HOME"] = _folder.Path;
        var (code, output, error) = await HeadlessEditor.Run(start, Patience);

        var log = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code == 0 && log.Contains("mode\tdeck-mode"), $"emacs exited {code}:\n{string.Join("\n", log)}\n{error}");
        return log;
    }

    // The README's Emacs snippets: the setup for init.el, then the decklsp-study command.
    private static (string Setup, string Study) ReadmeSnippets()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        var emacs = readme[readme.IndexOf("**Emacs**", StringComparison.Ordinal)..];
        var blocks = Regex.Matches(emacs, "```elisp\n(.*?)```", RegexOptions.Singleline);
        return (blocks[0].Groups[1].Value, blocks[1].Groups[1].Value);
    }

    private static string Substitute(string text, string old, string replacement) =>
        text.Contains(old, StringComparison.Ordinal)
            ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"The README's Emacs snippet no longer holds {old}:\n{text}");

    private static string Elisp(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
