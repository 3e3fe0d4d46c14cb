# Reminder e-mails and the address they go to.
settings-email = Påminningar på e-post
settings-email-hint = Vi sender ein kort e-post når du får nye påminningar i ettlag. E-posten seier ikkje kven påminningane gjeld. La feltet stå tomt om du ikkje vil ha e-post.
settings-email-address = E-postadresse
settings-email-saved = E-postadressa er lagra.
settings-email-invalid = Det er ikkje ei gyldig e-postadresse.
mail-subject = { $count ->
    [one] Du har 1 ny påminning i ettlag
   *[other] Du har { $count } nye påminningar i ettlag
}
mail-body = { $count ->
    [one] Du har 1 ny påminning i ettlag.
   *[other] Du har { $count } nye påminningar i ettlag.
}
    Logg inn for å lese dei: { $link }

    Av omsyn til personvernet står det ikkje i e-posten kven eller kva påminningane gjeld.

settings-family = Slik når familiar deg
settings-family-hint = Familien ser namnet ditt og eininga di. Vel om dei også skal sjå e-post eller telefon.
settings-family-phone = Telefon til familiar
settings-family-show = Kva familien ser
settings-family-show-email = E-posten min
settings-family-show-phone = Telefonen min
settings-family-show-both = Begge
settings-family-show-nothing = Ingen av dei
settings-family-saved = Det er lagra.
settings-family-invalid-phone = Det er ikkje eit telefonnummer. Skriv 8 til 15 tal.
settings-family-invalid-show = Vel kva familien skal sjå.
