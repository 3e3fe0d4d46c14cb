# A second factor for local staff accounts: codes from an authenticator app.
second-factor-title = Two-step sign-in
second-factor-intro = With two-step sign-in you sign in with your password and a one-time code from an app on your phone (for example Microsoft Authenticator, Google Authenticator or FreeOTP).
second-factor-link = Set up or remove two-step sign-in
second-factor-none = You have not set up two-step sign-in.
second-factor-start = Set up two-step sign-in
second-factor-summary = Two-step sign-in has been set up since { $since }. You have { $left ->
    [one] one recovery code
   *[other] { $left } recovery codes
} left.
second-factor-removed = Two-step sign-in has been removed.
second-factor-remove-title = Remove two-step sign-in
second-factor-remove-hint = Type a code from the app (or a recovery code) to remove it. If the municipality requires two-step sign-in, you set it up again the next time you sign in.
second-factor-remove-submit = Remove two-step sign-in
second-factor-back = Back to settings
second-factor-code-title = One-time code
second-factor-code-intro = Type the six-digit code the app shows now.
second-factor-code-label = Code from the app or recovery code
second-factor-code-submit = Sign in
second-factor-code-recovery-hint = Don't have your phone? Type one of the recovery codes you got when you set up two-step sign-in. Each recovery code works once.
second-factor-cancel = Cancel
second-factor-sign-in-again = Sign in again
second-factor-enrol-title = Set up two-step sign-in
second-factor-enrol-required = The municipality requires two-step sign-in for you. Set it up now to sign in.
second-factor-enrol-step-app = Install an app for one-time codes on your phone, if you don't have one.
second-factor-enrol-step-scan = Scan the QR code with the app.
second-factor-enrol-manual = Can't scan? Enter this key in the app by hand:
second-factor-enrol-step-code = Type the code the app shows
second-factor-enrol-submit = Confirm
second-factor-recovery-title = Your recovery codes
second-factor-recovery-done = Two-step sign-in is set up.
second-factor-recovery-intro = Keep these codes somewhere safe. You use them if you lose your phone. Each code works once, and you see them only now.
second-factor-recovery-continue = I have saved the codes
second-factor-error-wrong = The code is not right. Type the newest code from the app, or a recovery code you have not used.
second-factor-error-replayed = This code has already been used. Wait until the app shows a new code.
second-factor-error-ended = Too many wrong codes. Sign in again.
second-factor-error-enrolled = You have already set up two-step sign-in.
setting-second-factor-required = Staff who see personal data must sign in with two-step sign-in (1 = yes, 0 = no)
audit-action-sign-in-step = Password accepted, waiting for a one-time code
audit-action-delete = Removed
audit-resource-second-factor = Two-step sign-in
# New recovery codes on one's own page.
second-factor-renew-title = New recovery codes
second-factor-renew-hint = Have you used up or lost your recovery codes? Type a code from the app (or a recovery code) to get ten new ones. The old ones stop working at once.
second-factor-renew-submit = Make new recovery codes
second-factor-renewed = You have new recovery codes. The old ones no longer work.
second-factor-error-empty = Type a code from the app or a recovery code.
# An administrator resets a lost second factor (Admin → Staff).
second-factor-error-own-reset = You cannot reset your own two-step sign-in here. Go to your own two-step sign-in page and use a code.
admin-staff-second-factor = Two-step sign-in
admin-staff-second-factor-yes = Set up
admin-staff-second-factor-no = Not set up
admin-staff-second-factor-reset = Reset two-step sign-in
admin-staff-second-factor-reset-confirm = Has { $name } lost their phone and their recovery codes? Then you can remove their two-step sign-in, and { $name } sets it up again at their next sign-in. First make sure that it really is { $name } who asks.
admin-staff-second-factor-reset-submit = Yes, reset
admin-staff-second-factor-own = You change your own on your own page
admin-done-second-factor-reset = Two-step sign-in has been reset. The staff member sets it up again at their next sign-in.
admin-done-second-factor-reset-none = The staff member had no two-step sign-in. Nothing has changed.
audit-resource-recovery-codes = Recovery codes
audit-resource-second-factor-reset = Reset of two-step sign-in
