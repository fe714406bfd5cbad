;;; emacs-check.el --- editors/emacs/bkp-mode.el in a batch Emacs  -*- lexical-binding: t; -*-

;; emacs --batch -Q -L editors/emacs -l tests/tools/emacs-check.el
;; run in a directory holding the files tests/extra/emacs.sh writes there,
;; with `bkpc' on the PATH (and so `bkpc lsp', the language server).
;; Prints "ok NAME" or "FAIL NAME: why" lines; exits 1 when one failed.

;;; Code:

(require 'package)
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'bkp-mode)
(require 'cl-lib)

(defvar emacs-check-failed 0)

(defun emacs-check (name ok &optional why)
  "Report NAME as passed when OK, else as failed because of WHY."
  (if ok
      (princ (format "ok %s\n" name))
    (setq emacs-check-failed (1+ emacs-check-failed))
    (princ (format "FAIL %s: %S\n" name why))))

(defun emacs-check-wait (pred)
  "Wait up to 10 seconds for PRED to return non-nil; return its value."
  (let ((n 0) v)
    (while (and (not (setq v (funcall pred))) (< n 200))
      (accept-process-output nil 0.05)
      (setq n (1+ n)))
    v))

;;; Modes by name and content

(dolist (c '(("prod-vms.bkp" . bkp-mode) ("comments.bkp" . bkp-mode)
             ("new-file.bkp" . bkp-mode) ("nginx.conf.bkp" . nil)))
  (with-current-buffer (find-file-noselect (car c))
    (emacs-check (format "mode of %s" (car c))
                 (if (cdr c) (eq major-mode (cdr c)) (not (eq major-mode 'bkp-mode)))
                 major-mode)
    (kill-buffer)))

;;; Font lock

(with-current-buffer (find-file-noselect "syntax.bkp")
  (font-lock-ensure)
  (dolist (c '((1 "policy" font-lock-keyword-face) (1 "crash" font-lock-function-name-face)
               (2 "enhanced" font-lock-type-face) (2 "TODO" font-lock-comment-face)
               (3 "timezone" font-lock-keyword-face) (3 "India" font-lock-string-face)
               (4 "every" font-lock-keyword-face) (4 "4h" font-lock-constant-face)
               (4 "from" font-lock-builtin-face) (4 "08:00" font-lock-constant-face)
               (5 "keep" font-lock-keyword-face) (5 "monthly" font-lock-builtin-face)
               (5 "first" font-lock-constant-face) (5 "SUN" font-lock-constant-face)
               (5 ";" font-lock-warning-face) (5 "10 years" font-lock-constant-face)
               (5 "Jan" font-lock-constant-face)
               (7 "protect" font-lock-keyword-face) (7 "daily" font-lock-variable-name-face)
               (7 "rg-x" font-lock-variable-name-face) (7 "weekly" font-lock-variable-name-face)))
    (goto-char (point-min))
    (forward-line (1- (nth 0 c)))
    (search-forward (nth 1 c) (line-end-position))
    (let ((face (get-text-property (match-beginning 0) 'face)))
      (emacs-check (format "face of `%s' on line %d" (nth 1 c) (nth 0 c))
                   (memq (nth 2 c) (if (listp face) face (list face)))
                   face)))
  (kill-buffer))

;;; Compilation mode on bkpc's output

(defun emacs-check-goto (buf n)
  "Visit the Nth diagnostic of compilation buffer BUF.
Return (FILE LINE CHARACTER-COLUMN TYPE TEXT-AT-POINT)."
  (with-current-buffer buf
    (goto-char (point-min))
    ;; The first message starts the buffer: the Nth is N-1 further.
    (compilation-next-error (1- n))
    (let ((msg (get-text-property (point) 'compilation-message)))
      (compile-goto-error)
      (list (file-name-nondirectory buffer-file-name) (line-number-at-pos)
            (1+ (- (point) (line-beginning-position)))
            (compilation--message->type msg)
            (buffer-substring-no-properties (point) (min (+ (point) 5) (line-end-position)))))))

(let ((buf (get-buffer-create "*bkpc output*")))
  (with-current-buffer buf
    (setq default-directory (file-name-as-directory default-directory))
    (call-process "bkpc" nil t nil "check" "it's bad.bkp" "late.bkp")
    ;; Plain compilation mode reads each diagnostic line with bkp's regexp.
    (let ((lines (split-string (buffer-string) "\n"))
          (re (nth 1 bkp-compilation-regexp)))
      (emacs-check "compilation: bkp's regexp matches the 4 diagnostic lines"
                   (= 4 (cl-count-if (lambda (l) (string-match-p re l)) lines))
                   lines))
    (bkp-compilation-mode))
  ;; bkpc's columns: 11 after a tab, 24 after an é, 39; a warning.
  (dolist (c '((1 ("it's bad.bkp" 2 11 2 "\"é\" d"))
               (2 ("it's bad.bkp" 2 24 2 "02:15"))
               (3 ("it's bad.bkp" 4 39 2 "nope"))
               (4 ("late.bkp" 1 33 1 "20:00"))))
    (let ((got (emacs-check-goto buf (car c))))
      (emacs-check (format "compilation: diagnostic %d" (car c)) (equal got (cadr c)) got))))

;;; Flymake

(dolist (c '(("it's bad.bkp" 3 (2 11 :error "[A7]") "\nhint: abbreviations")
             ("ab.bkp" 1 (1 1 :error "[A6]") "the name comes from the file name")))
  (with-current-buffer (find-file-noselect (car c))
    (let (got)
      (bkp-flymake (lambda (diags &rest _) (setq got (or diags 'none))))
      (emacs-check-wait (lambda () got))
      (let* ((d (and (consp got) (car got)))
             (beg (and d (flymake-diagnostic-beg d))))
        (emacs-check (format "flymake: %s: %d diagnostics" (car c) (nth 1 c))
                     (and (listp got) (= (length got) (nth 1 c))) got)
        (emacs-check (format "flymake: %s: the first" (car c))
                     (and d
                          (equal (list (line-number-at-pos beg)
                                       (1+ (- beg (save-excursion (goto-char beg)
                                                                  (line-beginning-position))))
                                       (flymake-diagnostic-type d))
                                 (butlast (nth 2 c)))
                          (string-match-p (regexp-quote (car (last (nth 2 c))))
                                          (flymake-diagnostic-text d))
                          (string-match-p (regexp-quote (nth 3 c)) (flymake-diagnostic-text d)))
                     (and d (list (line-number-at-pos beg) beg (flymake-diagnostic-type d)
                                  (flymake-diagnostic-text d))))))
    (kill-buffer)))

;;; Eglot

(if (not (require 'eglot nil t))
    (princ "emacs: eglot checks skipped: eglot is not installed (scripts/install-deps.sh --all)\n")
  (let ((contact (cdr (assoc 'bkp-mode eglot-server-programs))))
    (emacs-check "eglot: bkp-mode starts bkpc lsp"
                 (equal (if (functionp contact) (funcall contact) contact) '("bkpc" "lsp"))
                 contact))
  ;; Only this buffer is managed: the compilation checks left others open.
  (dolist (b (buffer-list))
    (when (buffer-file-name b) (kill-buffer b)))
  ;; The server's diagnostics, where it says (UTF-16 columns, here after a
  ;; tab and an é), with their rule ids.
  (with-current-buffer (find-file-noselect "it's bad.bkp")
    (setq eglot-sync-connect t)
    (apply #'eglot (eglot--guess-contact))
    (flymake-start)
    (let* ((diags (emacs-check-wait (lambda () (and (= (length (flymake-diagnostics)) 3)
                                                     (flymake-diagnostics)))))
           (got (mapcar (lambda (d)
                          (let ((beg (flymake-diagnostic-beg d)))
                            (list (line-number-at-pos beg)
                                  (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                                  (car (split-string (flymake-diagnostic-text d) "\n")))))
                        (sort diags (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
      (emacs-check "eglot: the server's diagnostics"
                   (equal got '((2 10 "bkpc [A7]: unknown time zone \"é\"")
                                (2 23 "bkpc [B3]: backups start on the hour or the half hour, not at 02:15")
                                (4 38 "bkpc [name]: no policy named `nope` in this file")))
                   got))
    (eglot-shutdown (eglot-current-server))))

(kill-emacs (if (zerop emacs-check-failed) 0 1))

;;; emacs-check.el ends here
