# Reminder e-mails and the address they go to.
settings-email = Påmindelser på e-mail
settings-email-hint = Vi sender en kort e-mail, når du får nye påmindelser i ettlag. E-mailen siger ikke, hvem påmindelserne handler om. Lad feltet stå tomt, hvis du ikke vil have e-mail.
settings-email-address = E-mailadresse
settings-email-saved = E-mailadressen er gemt.
settings-email-invalid = Det er ikke en gyldig e-mailadresse.
mail-subject = { $count ->
    [one] Du har 1 ny påmindelse i ettlag
   *[other] Du har { $count } nye påmindelser i ettlag
}
mail-body = { $count ->
    [one] Du har 1 ny påmindelse i ettlag.
   *[other] Du har { $count } nye påmindelser i ettlag.
}
    Log ind for at læse dem: { $link }

    Af hensyn til privatlivet står der ikke i e-mailen, hvem eller hvad påmindelserne handler om.
