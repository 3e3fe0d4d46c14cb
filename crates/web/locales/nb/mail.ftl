# Reminder e-mails and the address they go to.
settings-email = Påminnelser på e-post
settings-email-hint = Vi sender en kort e-post når du får nye påminnelser i ettlag. E-posten sier ikke hvem påminnelsene gjelder. La feltet stå tomt hvis du ikke vil ha e-post.
settings-email-address = E-postadresse
settings-email-saved = E-postadressen er lagret.
settings-email-invalid = Det er ikke en gyldig e-postadresse.
mail-subject = { $count ->
    [one] Du har 1 ny påminnelse i ettlag
   *[other] Du har { $count } nye påminnelser i ettlag
}
mail-body = { $count ->
    [one] Du har 1 ny påminnelse i ettlag.
   *[other] Du har { $count } nye påminnelser i ettlag.
}
    Logg inn for å lese dem: { $link }

    Av hensyn til personvernet står det ikke i e-posten hvem eller hva påminnelsene gjelder.

settings-family = Slik når familier deg
settings-family-hint = Familien ser navnet ditt og enheten din. Velg om de også skal se e-post eller telefon.
settings-family-phone = Telefon til familier
settings-family-show = Hva familien ser
settings-family-show-email = E-posten min
settings-family-show-phone = Telefonen min
settings-family-show-both = Begge
settings-family-show-nothing = Ingen av dem
settings-family-saved = Det er lagret.
settings-family-invalid-phone = Det er ikke et telefonnummer. Skriv 8 til 15 tall.
settings-family-invalid-show = Velg hva familien skal se.
