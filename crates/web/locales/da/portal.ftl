portal-name = Et hold for familien
portal-nav-label = Familiesiderne
portal-nav-family = Vores familie
portal-sign-out = Log ud
portal-footer = Vi viser kun det, du har ret til at se. Alt, du ser og gør, bliver logget.
setting-portal-parent-view = Hvad forældre ser, når den unge selv bestemmer (0 intet, 1 hvem der følger op)

portal-login-title = Log ind
portal-login-intro = Her ser du, hvem der hjælper dit barn. Du ser også planen og hvem der har set på data.
portal-login-oidc = Log ind med ID-porten
portal-login-local = Eller log ind med brugernavn
portal-login-username = Brugernavn
portal-login-password = Adgangskode
portal-login-submit = Log ind
portal-login-error = Brugernavn eller adgangskode er forkert.
portal-login-locked = For mange forsøg. Vent lidt og prøv igen.
portal-login-oidc-error = Vi kunne ikke logge dig ind. Prøv igen.
portal-login-unknown = Vi kan ikke finde dig hos os. Kontakt kommunen.
portal-login-cancelled = Login blev afbrudt. Du kan prøve igen.
portal-login-other-browser = Login blev startet i en anden browser, eller det tog for lang tid. Start login forfra her.
portal-login-level = Du skal logge ind med et højere sikkerhedsniveau, for eksempel MitID.
portal-login-staff = Arbejder du i kommunen?
portal-login-staff-link = Log ind her.

portal-family-title = Vores familie
portal-family-intro = Vælg hvem du vil se.
portal-family-empty = Vi har ingen børn at vise dig.
portal-family-you = dig

portal-who-title = Hvem følger os op
portal-who-none = Ingen har fået denne opgave endnu.
portal-who-email = E-mail:
portal-contact-holder = Har ansvar for at følge jer op
portal-contact-coordinator = Koordinator: har overblikket og er den, I taler med
portal-contact-child-coordinator = Børnekoordinator: har overblikket og er den, I taler med

portal-plan-title = Vores plan
portal-plan-matters = Det der er vigtigt for os
portal-plan-goals = Målene
portal-plan-by = Hvornår:
portal-plan-know = Sådan ved vi det:
portal-plan-none = Der er ingen plan endnu.
portal-young-decides = Den unge bestemmer nu selv over sine data.

portal-more-title = Mere
portal-link-consents = Ja eller nej til at dele
portal-link-looked = Hvem har set på data
portal-link-write = Skriv til os
portal-link-document = Alt om os, til at læse
portal-link-json = Hent alt (fil)

portal-consents-title = Ja eller nej til at dele
portal-consents-intro = Her ser du, hvad du har sagt ja og nej til. Du kan skifte mening, når du vil. Det virker med det samme.
portal-consents-none = Du har ikke sagt ja eller nej til noget.
portal-consents-what = Hvad:
portal-consents-who = Hvem får det:
portal-consents-from = Fra
portal-consents-to = Til
portal-consents-active = Gælder nu.
portal-consents-ended = Gælder ikke længere.
portal-consents-said-yes = I har sagt ja.
portal-consents-said-no = I har sagt nej.
portal-consents-who-not = Hvem får det ikke:
portal-consents-withdraw = Træk tilbage
portal-consents-give = Sig ja eller nej til at dele
portal-consents-stance = Hvad siger du?
portal-consents-yes = Ja, de må få det
portal-consents-no = Nej, de må ikke få det
portal-consents-no-wins = Et nej går forud for alle ja. Kun loven går forud for et nej, for eksempel når et barn ikke er trygt.
portal-consents-purpose = Skriv kort hvorfor
portal-consents-units = Hvem gælder det
portal-consents-categories = Hvad gælder det
portal-consents-until = Til dato (kan være tom)
portal-consents-submit = Send svaret
portal-consent-given = Tak. Det gælder fra i dag.
portal-consent-refused = Tak. Fra i dag får de ikke noget af dette.
portal-consent-withdrawn = Det gælder ikke længere. Ingen får mere fra i dag.
portal-consents-waiting-you = Vi venter på, at du siger ja. Før det gælder det ikke.
portal-consents-waiting-other = Vi venter på, at den anden forælder siger ja. Før det gælder det ikke.
portal-consents-upcoming = Gælder ikke endnu.
portal-consents-join = Jeg siger også ja
portal-consent-joined = Tak. Nu gælder det.
portal-consent-given-waiting = Tak. Det gælder, når den anden forælder også har sagt ja.

portal-category-relay-log = Loggen: det vi ser, målene og det vi gør
portal-category-plan = Planen
portal-category-feedback = Svar på skemaer
portal-category-health = Sundhed
portal-category-school = Skole
portal-category-other = Andet

portal-looked-title = Hvem har set på data
portal-looked-intro = Her ser du, hvem der har set på data, dag for dag. Du ser hvor de arbejder og hvorfor.
portal-looked-none = Ingen har set på data endnu.
portal-looked-no-unit = Kommunen
portal-looked-read = { $unit } så { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } gange.
}
portal-looked-create = { $unit } tilføjede noget i { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } gange.
}
portal-looked-update = { $unit } ændrede noget i { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } gange.
}
portal-looked-other = { $unit } brugte { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } gange.
}
portal-looked-emergency = { $unit } åbnede data, fordi det hastede, { $count ->
    [one] { $count } gang.
   *[other] { $count } gange.
}
portal-looked-what-details = siden om barnet
portal-looked-what-log = loggen
portal-looked-what-concern = det, nogen var bekymret for
portal-looked-what-plan = planen
portal-looked-what-meetings = møderne
portal-looked-what-feedback = skemaerne og svarene
portal-looked-what-consents = hvad I har sagt ja til
portal-looked-what-messages = det, I har skrevet
portal-looked-what-intake = sagen hos modtagelsen
portal-looked-what-other = data
portal-looked-caption = Hvem har set på hvad. Nyeste dag står først.
portal-looked-day = Dag
portal-looked-what = Hvem og hvad
portal-looked-why = Hvorfor
portal-looked-pages = Sider
portal-looked-page = Side { $page } af { $pages }.
portal-looked-newer = Nyere
portal-looked-older = Ældre
portal-looked-bad-page = Vi fandt ikke den side. Her er den første.

portal-role-staff = Medarbejder
portal-role-unit-leader = Leder
portal-role-municipality-leader = Leder i kommunen
portal-role-intake = Modtagelse
portal-role-admin = Den der holder listen over børn og ansatte
portal-role-privacy-officer = Databeskyttelse
portal-role-other = Medarbejder


portal-purpose-follow-up = For at hjælpe jer
portal-purpose-administration = For at holde listen i orden
portal-purpose-privacy-review = For at passe på databeskyttelsen
portal-purpose-triage = For at finde den rette hjælp
portal-purpose-other = Andet

portal-basis-service-task = De arbejder med jer
portal-basis-consent = I sagde ja til at dele
portal-basis-register-maintenance = Listen skal være rigtig
portal-basis-accountability = Nogen skal tjekke at loggen er rigtig
portal-basis-emergency-access = Det hastede
portal-basis-data-subject-right = I har ret til at se
portal-basis-other = Loven

portal-document-title = Alt om os
portal-document-intro = Her er alt, vi har om jer. Du kan skrive det ud.
portal-log-title = Loggen
portal-log-count = { $count ->
    [one] Loggen har { $count } del. Den er med i filen.
   *[other] Loggen har { $count } dele. De er med i filen.
}

portal-write-title = Skriv til os
portal-write-kind = Hvad vil du?
portal-write-note = En besked til dem der hjælper os
portal-write-note-hint = Den der følger jer op, får den.
portal-write-what-matters = Det der er vigtigt for mig
portal-write-what-matters-hint = Med dine ord. Dem der hjælper jer, ser det.
portal-write-restriction = Bed om at data ikke bruges
portal-write-restriction-hint = Den der passer på databeskyttelsen, får det.
portal-write-correction = Bed om at rette noget der er forkert
portal-write-correction-hint = Den der passer på databeskyttelsen, får det.
portal-write-text = Skriv her
portal-write-submit = Send
portal-write-sent = Tak. Vi har fået det.
portal-write-sent-request = Tak. Vi har fået det. Du får svar.

portal-error-message = Skriv noget først. Brug højst 4000 tegn.
portal-error-kind = Vælg hvad du vil.
portal-error-date = Datoen er forkert.
portal-error-unit = Vælg blandt dem vi viser.
portal-error-stance = Vælg ja eller nej.

portal-staff-family-title = Fra familien
portal-staff-family-intro = Det familien har skrevet på familiesiderne: beskeder til dem der følger op, og det der er vigtigt for dem.
portal-staff-requests-title = Ønsker fra familier
portal-staff-requests-intro = Familier der beder om at data ikke bruges, eller om at rette noget. Ældste først.
portal-staff-none = Intet endnu.
portal-staff-family-link = Fra familien
portal-staff-requests-link = Ønsker fra familier om begrænsning eller rettelse
