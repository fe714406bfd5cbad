;;; bkp-mode.el --- Major mode for .bkp Azure VM backup policies  -*- lexical-binding: t; -*-

;; Keywords: languages
;; Version: 0.1.0
;; Package-Requires: ((emacs "25.1"))

;;; Commentary:

;; A major mode for the `.bkp' policy language compiled by bkpc (see
;; docs/language.md): syntax highlighting, `#' comments, indentation of
;; `policy NAME { ... }' blocks, and `M-x compile' / `M-x bkp-check' with
;; bkpc's diagnostics (FILE:LINE:COL: error[ID]: message) recognised by
;; compilation mode, so `next-error' jumps to them.
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

(defconst bkp-statement-keywords '("policy" "vault" "protect")
  "Keywords that start a top-level statement.")

(defconst bkp-clause-keywords
  '("timezone" "every" "daily" "weekly" "keep" "archive" "snapshot" "consistency")
  "Keywords that start a clause.")

(defconst bkp-type-keywords '("enhanced" "standard")
  "Policy types.")

(defconst bkp-other-keywords
  '("after" "at" "crash" "day" "disks" "exclude" "for" "from" "in" "include"
    "monthly" "never" "on" "recommended" "resource-group" "snapshots"
    "subscription" "suffix" "vm" "with" "yearly")
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
  `(;; The name after `policy', `vault', `vm', `resource-group',
    ;; `subscription' and `with' is a name, even when it is a keyword
    ;; (`policy crash { ... }').
    (,(concat "\\_<policy\\_>[ \t\n]+" bkp-name-re) 1 font-lock-function-name-face)
    (,(concat "\\_<\\(?:vault\\|vm\\|resource-group\\|subscription\\|with\\)\\_>[ \t\n]+"
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

;;;###autoload
(defun bkp-check ()
  "Run `bkpc check' on the current file, in a compilation buffer."
  (interactive)
  (unless buffer-file-name
    (user-error "This buffer visits no file"))
  (save-buffer)
  (compile (concat bkp-bkpc-command " check "
                   (shell-quote-argument buffer-file-name))))

(defvar bkp-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'bkp-check)
    map)
  "Keymap of `bkp-mode'.")

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
  (setq-local compile-command
              (concat bkp-bkpc-command " check "
                      (if buffer-file-name
                          (shell-quote-argument
                           (file-name-nondirectory buffer-file-name))
                        ""))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.bkp\\'" . bkp-mode))

(provide 'bkp-mode)

;;; bkp-mode.el ends here
