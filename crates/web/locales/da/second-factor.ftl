# A second factor for local staff accounts: codes from an authenticator app.
second-factor-title = Totrinsbekræftelse
second-factor-intro = Med totrinsbekræftelse logger du ind med din adgangskode og en engangskode fra en app på telefonen (for eksempel Microsoft Authenticator, Google Authenticator eller FreeOTP).
second-factor-link = Opsæt eller fjern totrinsbekræftelse
second-factor-none = Du har ikke opsat totrinsbekræftelse.
second-factor-start = Opsæt totrinsbekræftelse
second-factor-summary = Totrinsbekræftelse er opsat siden { $since }. Du har { $left ->
    [one] én reservekode
   *[other] { $left } reservekoder
} tilbage.
second-factor-removed = Totrinsbekræftelse er fjernet.
second-factor-remove-title = Fjern totrinsbekræftelse
second-factor-remove-hint = Skriv en kode fra appen (eller en reservekode) for at fjerne den. Kræver kommunen totrinsbekræftelse, skal du opsætte den igen, næste gang du logger ind.
second-factor-remove-submit = Fjern totrinsbekræftelse
second-factor-back = Tilbage til indstillinger
second-factor-code-title = Engangskode
second-factor-code-intro = Skriv den sekscifrede kode, som appen viser nu.
second-factor-code-label = Kode fra appen eller reservekode
second-factor-code-submit = Log ind
second-factor-code-recovery-hint = Har du ikke telefonen? Skriv en af de reservekoder, du fik, da du opsatte totrinsbekræftelse. Hver reservekode virker én gang.
second-factor-cancel = Annuller
second-factor-sign-in-again = Log ind igen
second-factor-enrol-title = Opsæt totrinsbekræftelse
second-factor-enrol-required = Kommunen kræver totrinsbekræftelse for dig. Opsæt den nu for at logge ind.
second-factor-enrol-step-app = Installer en app til engangskoder på telefonen, hvis du ikke har en.
second-factor-enrol-step-scan = Scan QR-koden med appen.
second-factor-enrol-manual = Kan du ikke scanne? Indtast denne nøgle i appen i hånden:
second-factor-enrol-step-code = Skriv koden, som appen viser
second-factor-enrol-submit = Bekræft
second-factor-recovery-title = Dine reservekoder
second-factor-recovery-done = Totrinsbekræftelse er opsat.
second-factor-recovery-intro = Gem disse koder et sikkert sted. Du bruger dem, hvis du mister telefonen. Hver kode virker én gang, og du ser dem kun nu.
second-factor-recovery-continue = Jeg har gemt koderne
second-factor-error-wrong = Koden passer ikke. Skriv den nyeste kode fra appen eller en reservekode, du ikke har brugt.
second-factor-error-replayed = Denne kode er allerede brugt. Vent, til appen viser en ny kode.
second-factor-error-ended = For mange forkerte koder. Log ind igen.
second-factor-error-enrolled = Du har allerede opsat totrinsbekræftelse.
setting-second-factor-required = Medarbejdere, der ser personoplysninger, skal logge ind med totrinsbekræftelse (1 = ja, 0 = nej)
audit-action-sign-in-step = Adgangskode godkendt, venter på engangskode
audit-action-delete = Fjernede
audit-resource-second-factor = Totrinsbekræftelse
# New recovery codes on one's own page.
second-factor-renew-title = Nye reservekoder
second-factor-renew-hint = Har du brugt reservekoderne op eller mistet dem? Skriv en kode fra appen (eller en reservekode) for at få ti nye. De gamle holder op med at virke med det samme.
second-factor-renew-submit = Lav nye reservekoder
second-factor-renewed = Du har fået nye reservekoder. De gamle virker ikke længere.
second-factor-error-empty = Skriv en kode fra appen eller en reservekode.
# An administrator resets a lost second factor (Admin → Medarbejdere).
second-factor-error-own-reset = Du kan ikke nulstille din egen totrinsbekræftelse her. Gå til din egen side for totrinsbekræftelse, og brug en kode.
admin-staff-second-factor = Totrinsbekræftelse
admin-staff-second-factor-yes = Opsat
admin-staff-second-factor-no = Ikke opsat
admin-staff-second-factor-reset = Nulstil totrinsbekræftelse
admin-staff-second-factor-reset-confirm = Har { $name } mistet telefonen og reservekoderne? Så kan du fjerne totrinsbekræftelsen, og { $name } skal opsætte den igen næste gang, vedkommende logger ind. Tjek først, at det virkelig er { $name }, der beder om det.
admin-staff-second-factor-reset-submit = Ja, nulstil
admin-staff-second-factor-own = Din egen ændrer du på din egen side
admin-done-second-factor-reset = Totrinsbekræftelsen er nulstillet. Medarbejderen opsætter den igen næste gang, vedkommende logger ind.
admin-done-second-factor-reset-none = Medarbejderen havde ingen totrinsbekræftelse. Intet er ændret.
audit-resource-recovery-codes = Reservekoder
audit-resource-second-factor-reset = Nulstilling af totrinsbekræftelse
