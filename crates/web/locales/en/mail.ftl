# Reminder e-mails and the address they go to.
settings-email = Reminders by e-mail
settings-email-hint = We send a short e-mail when you have new reminders in ettlag. The e-mail does not say whom the reminders are about. Leave the field empty if you do not want e-mail.
settings-email-address = E-mail address
settings-email-saved = The e-mail address is saved.
settings-email-invalid = That is not a valid e-mail address.
mail-subject = { $count ->
    [one] You have 1 new reminder in ettlag
   *[other] You have { $count } new reminders in ettlag
}
mail-body = { $count ->
    [one] You have 1 new reminder in ettlag.
   *[other] You have { $count } new reminders in ettlag.
}
    Sign in to read them: { $link }

    To protect privacy, the e-mail does not say whom or what the reminders are about.

settings-family = How families reach you
settings-family-hint = The family sees your name and your unit. Choose if they also see your e-mail or phone.
settings-family-phone = Phone for families
settings-family-show = What the family sees
settings-family-show-email = My e-mail
settings-family-show-phone = My phone
settings-family-show-both = Both
settings-family-show-nothing = Neither
settings-family-saved = It is saved.
settings-family-invalid-phone = That is not a phone number. Write 8 to 15 digits.
settings-family-invalid-show = Choose what the family sees.
