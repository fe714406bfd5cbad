;;; bkp-mode.el --- Major mode for .bkp Azure VM backup policies  -*- lexical-binding: t; -*-

;; Keywords: languages
;; Version: 0.1.0
;; Package-Requires: ((emacs "25.1"))

;;; Commentary:

;; A major mode for the `.bkp' policy language compiled by bkpc (see
;; docs/language.md): syntax highlighting, `#' comments, indentation of
;; `policy NAME { ... }' blocks, and `M-x bkp-check' (C-c C-c) / `M-x compile' with
;; bkpc's diagnostics (FILE:LINE:COL: error[ID]: message) recognised by
;; compilation mode, so `next-error' jumps to them.  bkpc counts columns in
;; characters (a tab is one), and so does compilation mode in a `bkp-mode'
;; buffer.
;;
;; Checking as you type: `flymake-mode' uses the backend `bkp-flymake'
;; (bkpc check on a copy of the buffer), and `M-x eglot' starts the
;; language server `bkpc lsp'.
;;
;; A file named *.bkp that is not a policy (a backup copy such as
;; nginx.conf.bkp) gets the mode of its name without .bkp.
;;
;; Installation:
;;
;;   (add-to-list 'load-path "/path/to/bkpc/editors/emacs")
;;   (require 'bkp-mode)
;;
;; or (autoload 'bkp-mode "bkp-mode" nil t) plus the `auto-mode-alist'
;; entry below.

;;; Code:

(require 'compile)
(require 'flymake)

(defgroup bkp nil
  "Editing .bkp backup policy files."
  :group 'languages
  :prefix "bkp-")

(defcustom bkp-indent-offset 4
  "Indentation of clauses inside a `policy' block."
  :type 'integer
  :safe #'integerp)

(defcustom bkp-bkpc-command "bkpc"
  "The bkpc executable."
  :type 'string)

(defconst bkp-statement-keywords '("policy" "template" "use" "vault" "protect")
  "Keywords that start a top-level statement.")

(defconst bkp-clause-keywords
  '("timezone" "every" "daily" "weekly" "keep" "archive" "snapshot" "consistency" "require")
  "Keywords that start a clause.")

(defconst bkp-type-keywords '("enhanced" "standard")
  "Policy types.")

(defconst bkp-other-keywords
  '("after" "at" "crash" "day" "disks" "exclude" "for" "from" "in" "include"
    "monthly" "never" "on" "points" "recommended" "resource-group" "rpo"
    "snapshots" "subscription" "suffix" "vm" "with" "yearly")
  "The other keywords.")

(defconst bkp-calendar-words
  '("sun" "sunday" "mon" "monday" "tue" "tues" "tuesday" "wed" "wednesday"
    "thu" "thur" "thurs" "thursday" "fri" "friday" "sat" "saturday"
    "jan" "january" "feb" "february" "mar" "march" "apr" "april" "may"
    "jun" "june" "jul" "july" "aug" "august" "sep" "sept" "september"
    "oct" "october" "nov" "november" "dec" "december"
    "first" "second" "third" "fourth" "last")
  "Weekdays, months and weeks of the month (matched case-insensitively).")

(defun bkp--words-re (words)
  "A regexp matching any of WORDS as a whole .bkp word."
  ;; Words are made of letters, digits, - _ ! (see the syntax table), so
  ;; symbol boundaries delimit them.
  (concat "\\_<" (regexp-opt words t) "\\_>"))

(defun bkp--match-calendar-word (limit)
  "Search for a weekday, month or week word before LIMIT, ignoring case."
  (let ((case-fold-search t))
    (re-search-forward (bkp--words-re bkp-calendar-words) limit t)))

(defconst bkp-name-re "\\(\\_<[A-Za-z][-_!A-Za-z0-9]*\\_>\\)"
  "A bare name.")

(defvar bkp-font-lock-keywords
  `(;; The name after `policy', `template', `vault', `vm',
    ;; `resource-group', `subscription', `with' and `from' is a name, even
    ;; when it is a keyword (`policy crash { ... }').
    (,(concat "\\_<\\(?:policy\\|template\\)\\_>[ \t\n]+" bkp-name-re) 1 font-lock-function-name-face)
    (,(concat "\\_<\\(?:vault\\|vm\\|resource-group\\|subscription\\|with\\|from\\)\\_>[ \t\n]+"
              bkp-name-re)
     1 font-lock-variable-name-face)
    ;; Durations: 4h, 180d, 180 days, 1 year, 180days (before the keywords,
    ;; so that `1 day' is one duration).
    ("\\_<[0-9]+[ \t]*\\(?:hours?\\|days?\\|weeks?\\|months?\\|years?\\|[hdwmy]\\)\\_>"
     . font-lock-constant-face)
    ;; Times: 08:00.
    ("\\_<[0-9]\\{1,2\\}:[0-9][0-9]\\_>" . font-lock-constant-face)
    (,(bkp--words-re bkp-statement-keywords) . font-lock-keyword-face)
    (,(bkp--words-re bkp-clause-keywords) . font-lock-keyword-face)
    (,(bkp--words-re bkp-type-keywords) . font-lock-type-face)
    (,(bkp--words-re bkp-other-keywords) . font-lock-builtin-face)
    ("\\_<application\\_>" . font-lock-constant-face)
    (bkp--match-calendar-word . font-lock-constant-face)
    ;; Clauses need no separator: `;' is an error.
    (";" . font-lock-warning-face))
  "Font-lock keywords of `bkp-mode'.")

(defvar bkp-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?# "<" st)
    (modify-syntax-entry ?\n ">" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    (modify-syntax-entry ?- "_" st)
    (modify-syntax-entry ?_ "_" st)
    (modify-syntax-entry ?! "_" st)
    (modify-syntax-entry ?: "." st)
    (modify-syntax-entry ?, "." st)
    (modify-syntax-entry ?\; "." st)
    (modify-syntax-entry ?{ "(}" st)
    (modify-syntax-entry ?} "){" st)
    st)
  "Syntax table of `bkp-mode'.")

(defun bkp-indent-line ()
  "Indent the current line: clauses inside a block by `bkp-indent-offset'."
  (interactive)
  (let* ((depth (save-excursion
                  (beginning-of-line)
                  (car (syntax-ppss))))
         (closing (save-excursion
                    (back-to-indentation)
                    (eq (char-after) ?})))
         (column (* bkp-indent-offset (max 0 (if closing (1- depth) depth))))
         (offset (- (current-column) (current-indentation))))
    (indent-line-to column)
    (when (> offset 0)
      (forward-char offset))))

;;; Checking with bkpc

(defconst bkp-compilation-regexp
  '(bkp
    "^\\([^:\n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\)\\[[^]\n]+\\]: "
    1 2 3 (4))
  "Entry of `compilation-error-regexp-alist-alist' for bkpc diagnostics.
Matches `FILE:LINE:COL: error[ID]: message' and the same with `warning'.")

(with-eval-after-load 'compile
  (add-to-list 'compilation-error-regexp-alist-alist bkp-compilation-regexp)
  (add-to-list 'compilation-error-regexp-alist 'bkp))

(defvar bkp-compilation-error-regexp-alist '(bkp)
  "The only regexp of `bkp-compilation-mode': bkpc's diagnostics.")

(defvar bkp-compilation-error-regexp-alist-alist (list bkp-compilation-regexp)
  "The regexps of `bkp-compilation-mode'.")

(define-compilation-mode bkp-compilation-mode "bkpc"
  "Compilation mode for bkpc's output: its diagnostics and nothing else.
Plain `compilation-mode' knows bkpc's diagnostics too, but its other
regexps may also read a source line quoted under a diagnostic as an error.")

;;;###autoload
(defun bkp-check ()
  "Run `bkpc check' on the current file, in a compilation buffer."
  (interactive)
  (unless buffer-file-name
    (user-error "This buffer visits no file"))
  (save-buffer)
  (compilation-start (concat bkp-bkpc-command " check "
                             (shell-quote-argument buffer-file-name))
                     #'bkp-compilation-mode))

(defvar bkp-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'bkp-check)
    map)
  "Keymap of `bkp-mode'.")

;;; Flymake

(defvar-local bkp--flymake-proc nil
  "The bkpc process of the buffer's latest Flymake check.")

(defconst bkp--diagnostic-re
  "^\\(?:[^:\n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\)\\[\\([^]\n]+\\)\\]: \\(.*\\)$"
  "The first line of a bkpc diagnostic: line, column, severity, rule id, message.")

(defun bkp--flymake-diagnostics (source)
  "The Flymake diagnostics for SOURCE in bkpc's output in this buffer."
  (goto-char (point-min))
  (let (diags)
    (while (re-search-forward bkp--diagnostic-re nil t)
      (let* ((line (string-to-number (match-string 1)))
             (col (string-to-number (match-string 2)))
             (type (if (equal (match-string 3) "error") :error :warning))
             (text (format "%s [%s]" (match-string 5) (match-string 4)))
             (region (flymake-diag-region source line col)))
        ;; The source and caret lines start with a space; then the hints.
        (forward-line 1)
        (while (looking-at "^ ")
          (forward-line 1))
        (while (looking-at "^hint: \\(.*\\)$")
          (setq text (concat text "\n" (match-string 0)))
          (forward-line 1))
        (when region
          (push (flymake-make-diagnostic source (car region) (cdr region) type text)
                diags))))
    (nreverse diags)))

(defun bkp-flymake (report-fn &rest _args)
  "Flymake backend: run `bkpc check' on the buffer and call REPORT-FN.
The buffer is written to a temporary directory under its own file name, so
a file of bare clauses is checked as the policy its name gives."
  (unless (executable-find bkp-bkpc-command)
    (error "Cannot find %s" bkp-bkpc-command))
  (when (process-live-p bkp--flymake-proc)
    (kill-process bkp--flymake-proc))
  (let* ((source (current-buffer))
         (dir (make-temp-file "bkp-flymake" t))
         (file (expand-file-name (if buffer-file-name
                                     (file-name-nondirectory buffer-file-name)
                                   "buffer.bkp")
                                 dir)))
    (save-restriction
      (widen)
      (let ((coding-system-for-write 'utf-8-unix))
        (write-region nil nil file nil 'silent)))
    (setq bkp--flymake-proc
          (make-process
           :name "bkp-flymake" :noquery t :connection-type 'pipe
           :buffer (generate-new-buffer " *bkp-flymake*")
           :command (list bkp-bkpc-command "check" "-q" file)
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (cond
                    ((not (with-current-buffer source (eq proc bkp--flymake-proc)))
                     (flymake-log :warning "Canceling obsolete check %s" proc))
                    ((memq (process-exit-status proc) '(0 1))
                     (with-current-buffer (process-buffer proc)
                       (funcall report-fn (bkp--flymake-diagnostics source))))
                    (t
                     (funcall report-fn :panic :explanation
                              (with-current-buffer (process-buffer proc)
                                (buffer-string)))))
                 (kill-buffer (process-buffer proc))
                 (delete-directory dir t))))))))

;;; Eglot

(defvar eglot-server-programs)

(defun bkp-eglot-contact (&optional _interactive)
  "How Eglot starts the language server: `bkpc lsp' over stdio."
  (list bkp-bkpc-command "lsp"))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(bkp-mode . bkp-eglot-contact)))

;;;###autoload
(define-derived-mode bkp-mode prog-mode "bkp"
  "Major mode for .bkp Azure VM backup policy files (bkpc).

\\{bkp-mode-map}"
  :syntax-table bkp-mode-syntax-table
  (setq-local comment-start "# ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local font-lock-defaults '(bkp-font-lock-keywords))
  (setq-local indent-line-function #'bkp-indent-line)
  ;; bkpc's columns count characters, a tab as one; compilation mode obeys
  ;; the target buffer's value of this variable.
  (setq-local compilation-error-screen-columns nil)
  (add-hook 'flymake-diagnostic-functions #'bkp-flymake nil t)
  (setq-local compile-command
              (concat bkp-bkpc-command " check "
                      (if buffer-file-name
                          (shell-quote-argument
                           (file-name-nondirectory buffer-file-name))
                        ""))))

;;; A .bkp name is also given to backup copies

(defconst bkp--first-word-re
  (concat "[ \t\r\f]*" (regexp-opt (append bkp-statement-keywords bkp-clause-keywords
                                             bkp-type-keywords)
                                     t)
          "\\_>")
  "A line that starts a policy file: a statement or clause keyword.")

(defun bkp--policy-p ()
  "Whether the buffer holds a policy, judged by its first 50 lines.
It does when the first line that is not blank or a comment starts with a
statement or clause keyword, or when there is no such line."
  (save-excursion
    (save-restriction
      (widen)
      (goto-char (point-min))
      (let ((case-fold-search nil)
            (n 0))
        (while (and (< n 50) (not (eobp)) (looking-at "[ \t\r\f]*\\(?:#.*\\)?$"))
          (forward-line 1)
          (setq n (1+ n)))
        (or (= n 50) (eobp)
            (with-syntax-table bkp-mode-syntax-table
              (looking-at bkp--first-word-re)))))))

;;;###autoload
(defun bkp-mode-maybe ()
  "Enter `bkp-mode' if the buffer holds a policy (see `bkp--policy-p').
Otherwise choose the mode of the file name without its .bkp extension, as
Emacs does for *.bak and *.orig files."
  (if (or (not buffer-file-name) (bkp--policy-p))
      (bkp-mode)
    (let ((buffer-file-name (file-name-sans-extension buffer-file-name)))
      (set-auto-mode t))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.bkp\\'" . bkp-mode-maybe))

(provide 'bkp-mode)

;;; bkp-mode.el ends here
