# Familiesidene (borgerland). Skriv kort og enkelt: LIX 40 eller lavere.
portal-name = Ett lag for familien
portal-nav-label = Familiesidene
portal-nav-family = Familien vår
portal-sign-out = Logg ut
portal-footer = Vi viser bare det du har rett til å se. Alt du ser og gjør, blir logget.
setting-portal-parent-view = Hva foreldre ser når ungdommen bestemmer selv (0 ingenting, 1 hvem som følger opp)

portal-login-title = Logg inn
portal-login-intro = Her ser du hvem som hjelper barnet ditt. Du ser også planen og hvem som har sett på dataene.
portal-login-oidc = Logg inn med ID-porten
portal-login-local = Eller logg inn med brukernavn
portal-login-username = Brukernavn
portal-login-password = Passord
portal-login-submit = Logg inn
portal-login-error = Brukernavn eller passord er feil.
portal-login-locked = For mange forsøk. Vent litt og prøv igjen.
portal-login-oidc-error = Vi fikk ikke logget deg inn. Prøv igjen.
portal-login-unknown = Vi finner deg ikke hos oss. Ta kontakt med kommunen.
portal-login-cancelled = Innloggingen ble avbrutt. Du kan prøve igjen.
portal-login-other-browser = Innloggingen ble startet i en annen nettleser, eller den tok for lang tid. Start innloggingen på nytt her.
portal-login-level = Du må logge inn med et høyere sikkerhetsnivå, for eksempel BankID.
portal-login-staff = Jobber du i kommunen?
portal-login-staff-link = Logg inn her.

portal-family-title = Familien vår
portal-family-intro = Velg hvem du vil se.
portal-family-empty = Vi har ingen barn å vise deg.
portal-family-you = deg

portal-who-title = Hvem følger oss opp
portal-who-none = Ingen har fått denne jobben ennå.
portal-who-email = E-post:
portal-contact-holder = Har ansvar for å følge dere opp
portal-contact-coordinator = Koordinator: har oversikt og er den dere snakker med
portal-contact-child-coordinator = Barnekoordinator: har oversikt og er den dere snakker med

portal-plan-title = Planen vår
portal-plan-matters = Det som er viktig for oss
portal-plan-goals = Målene
portal-plan-by = Når:
portal-plan-know = Slik vet vi det:
portal-plan-none = Det er ingen plan ennå.
portal-young-decides = Ungdommen bestemmer nå selv over sine data.

portal-more-title = Mer
portal-link-consents = Ja eller nei til å dele
portal-link-looked = Hvem har sett på dataene
portal-link-write = Skriv til oss
portal-link-document = Alt om oss, til å lese
portal-link-json = Last ned alt (fil)

portal-consents-title = Ja eller nei til å dele
portal-consents-intro = Her ser du hva du har sagt ja og nei til. Du kan ombestemme deg når du vil. Det virker med en gang.
portal-consents-none = Du har ikke sagt ja eller nei til noe.
portal-consents-what = Hva:
portal-consents-who = Hvem får det:
portal-consents-from = Fra
portal-consents-to = Til
portal-consents-active = Gjelder nå.
portal-consents-ended = Gjelder ikke lenger.
portal-consents-said-yes = Dere har sagt ja.
portal-consents-said-no = Dere har sagt nei.
portal-consents-who-not = Hvem får det ikke:
portal-consents-withdraw = Trekk tilbake
portal-consents-give = Si ja eller nei til å dele
portal-consents-stance = Hva sier du?
portal-consents-yes = Ja, de kan få det
portal-consents-no = Nei, de skal ikke få det
portal-consents-no-wins = Et nei går foran alle ja. Bare loven går foran et nei, for eksempel når et barn ikke er trygt.
portal-consents-purpose = Skriv kort hvorfor
portal-consents-units = Hvem gjelder det
portal-consents-categories = Hva gjelder det
portal-consents-until = Til dato (kan stå tom)
portal-consents-submit = Send svaret
portal-consent-given = Takk. Det gjelder fra i dag.
portal-consent-refused = Takk. Fra i dag får de ikke noe av dette.
portal-consent-withdrawn = Det gjelder ikke lenger. Ingen får mer fra i dag.
portal-consents-waiting-you = Vi venter på at du sier ja. Før det gjelder det ikke.
portal-consents-waiting-other = Vi venter på at den andre forelderen sier ja. Før det gjelder det ikke.
portal-consents-upcoming = Gjelder ikke ennå.
portal-consents-join = Jeg sier også ja
portal-consent-joined = Takk. Nå gjelder det.
portal-consent-given-waiting = Takk. Det gjelder når den andre forelderen også har sagt ja.

portal-category-relay-log = Loggen: det vi ser, målene og det vi gjør
portal-category-plan = Planen
portal-category-feedback = Svar på skjema
portal-category-health = Helse
portal-category-school = Skole
portal-category-other = Annet

portal-looked-title = Hvem har sett på dataene
portal-looked-intro = Her ser du hvem som har sett på dataene, dag for dag. Du ser hvor de jobber og hvorfor.
portal-looked-none = Ingen har sett på dataene ennå.
portal-looked-no-unit = Kommunen
portal-looked-read = { $unit } så { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } ganger.
}
portal-looked-create = { $unit } la til noe i { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } ganger.
}
portal-looked-update = { $unit } endret noe i { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } ganger.
}
portal-looked-other = { $unit } brukte { $what } { $count ->
    [one] { $count } gang.
   *[other] { $count } ganger.
}
portal-looked-emergency = { $unit } åpnet dataene fordi det hastet, { $count ->
    [one] { $count } gang.
   *[other] { $count } ganger.
}
portal-looked-what-details = siden om barnet
portal-looked-what-log = loggen
portal-looked-what-concern = det noen var bekymret for
portal-looked-what-plan = planen
portal-looked-what-meetings = møtene
portal-looked-what-feedback = skjemaene og svarene
portal-looked-what-consents = hva dere har sagt ja til
portal-looked-what-messages = det dere har skrevet
portal-looked-what-intake = saken hos mottaket
portal-looked-what-other = dataene
portal-looked-caption = Hvem har sett på hva. Nyeste dag står først.
portal-looked-day = Dag
portal-looked-what = Hvem og hva
portal-looked-why = Hvorfor
portal-looked-pages = Sider
portal-looked-page = Side { $page } av { $pages }.
portal-looked-newer = Nyere
portal-looked-older = Eldre
portal-looked-bad-page = Vi fant ikke den siden. Her er den første.

portal-role-staff = Ansatt
portal-role-unit-leader = Leder
portal-role-municipality-leader = Leder i kommunen
portal-role-intake = Mottak
portal-role-admin = Den som holder lista over barn og ansatte
portal-role-privacy-officer = Personvern
portal-role-other = Ansatt


portal-purpose-follow-up = For å hjelpe dere
portal-purpose-administration = For å holde lista i orden
portal-purpose-privacy-review = For å passe på personvernet
portal-purpose-triage = For å finne rett hjelp
portal-purpose-other = Annet

portal-basis-service-task = De jobber med dere
portal-basis-consent = Dere sa ja til å dele
portal-basis-register-maintenance = Lista må være riktig
portal-basis-accountability = Noen må sjekke at loggen er riktig
portal-basis-emergency-access = Det hastet
portal-basis-data-subject-right = Dere har rett til å se
portal-basis-other = Loven

portal-document-title = Alt om oss
portal-document-intro = Her er alt vi har om dere. Du kan skrive det ut.
portal-log-title = Loggen
portal-log-count = { $count ->
    [one] Loggen har { $count } del. Den er med i fila.
   *[other] Loggen har { $count } deler. De er med i fila.
}

portal-write-title = Skriv til oss
portal-write-kind = Hva vil du?
portal-write-note = Et ord til de som hjelper oss
portal-write-note-hint = Den som følger dere opp, får det.
portal-write-what-matters = Det som er viktig for meg
portal-write-what-matters-hint = Med dine ord. De som hjelper dere, ser det.
portal-write-restriction = Be om at dataene ikke brukes
portal-write-restriction-hint = Den som passer på personvernet, får det.
portal-write-correction = Be om å rette noe som er feil
portal-write-correction-hint = Den som passer på personvernet, får det.
portal-write-text = Skriv her
portal-write-submit = Send
portal-write-sent = Takk. Vi har fått det.
portal-write-sent-request = Takk. Vi har fått det. Du får svar.

portal-error-message = Skriv noe først. Bruk høyst 4000 tegn.
portal-error-kind = Velg hva du vil.
portal-error-date = Datoen er feil.
portal-error-unit = Velg blant de vi viser.
portal-error-stance = Velg ja eller nei.

# Det ansatte ser av det familien skriver.
portal-staff-family-title = Fra familien
portal-staff-family-intro = Det familien har skrevet på familiesidene: ord til de som følger opp, og det som er viktig for dem.
portal-staff-requests-title = Ønsker fra familier
portal-staff-requests-intro = Familier som ber om at data ikke brukes, eller om å rette noe. Eldste først.
portal-staff-none = Ingenting ennå.
portal-staff-family-link = Fra familien
portal-staff-requests-link = Ønsker fra familier om begrensning eller retting
