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

settings-family = Sådan når familier dig
settings-family-hint = Familien ser dit navn og din enhed. Vælg om de også skal se e-mail eller telefon.
settings-family-phone = Telefon til familier
settings-family-show = Hvad familien ser
settings-family-show-email = Min e-mail
settings-family-show-phone = Min telefon
settings-family-show-both = Begge
settings-family-show-nothing = Ingen af dem
settings-family-saved = Det er gemt.
settings-family-invalid-phone = Det er ikke et telefonnummer. Skriv 8 til 15 tal.
settings-family-invalid-show = Vælg hvad familien skal se.
