portal-name = Eitt lag for familien
portal-nav-label = Familiesidene
portal-nav-family = Familien vår
portal-sign-out = Logg ut
portal-footer = Vi viser berre det du har rett til å sjå. Alt du ser og gjer, blir logga.
setting-portal-parent-view = Kva foreldre ser når ungdomen bestemmer sjølv (0 ingenting, 1 kven som følgjer opp)

portal-login-title = Logg inn
portal-login-intro = Her ser du kven som hjelper barnet ditt. Du ser òg planen og kven som har sett på dataa.
portal-login-oidc = Logg inn med ID-porten
portal-login-local = Eller logg inn med brukarnamn
portal-login-username = Brukarnamn
portal-login-password = Passord
portal-login-submit = Logg inn
portal-login-error = Brukarnamn eller passord er feil.
portal-login-locked = For mange forsøk. Vent litt og prøv igjen.
portal-login-oidc-error = Vi fekk ikkje logga deg inn. Prøv igjen.
portal-login-unknown = Vi finn deg ikkje hos oss. Ta kontakt med kommunen.
portal-login-cancelled = Innlogginga vart avbroten. Du kan prøve igjen.
portal-login-other-browser = Innlogginga vart starta i ein annan nettlesar, eller ho tok for lang tid. Start innlogginga på nytt her.
portal-login-level = Du må logge inn med eit høgare tryggleiksnivå, til dømes BankID.
portal-login-staff = Jobbar du i kommunen?
portal-login-staff-link = Logg inn her.

portal-family-title = Familien vår
portal-family-intro = Vel kven du vil sjå.
portal-family-empty = Vi har ingen barn å vise deg.
portal-family-you = deg

portal-who-title = Kven følgjer oss opp
portal-who-none = Ingen har fått denne jobben enno.
portal-who-email = E-post:
portal-contact-holder = Har ansvar for å følgje dykk opp
portal-contact-coordinator = Koordinator: har oversikt og er den de snakkar med
portal-contact-child-coordinator = Barnekoordinator: har oversikt og er den de snakkar med

portal-plan-title = Planen vår
portal-plan-matters = Det som er viktig for oss
portal-plan-goals = Måla
portal-plan-by = Når:
portal-plan-know = Slik veit vi det:
portal-plan-none = Det er ingen plan enno.
portal-young-decides = Ungdomen bestemmer no sjølv over sine data.

portal-more-title = Meir
portal-link-consents = Ja eller nei til å dele
portal-link-looked = Kven har sett på dataa
portal-link-write = Skriv til oss
portal-link-document = Alt om oss, til å lese
portal-link-json = Last ned alt (fil)

portal-consents-title = Ja eller nei til å dele
portal-consents-intro = Her ser du kva du har sagt ja og nei til. Du kan ombestemme deg når du vil. Det verkar med ein gong.
portal-consents-none = Du har ikkje sagt ja eller nei til noko.
portal-consents-what = Kva:
portal-consents-who = Kven får det:
portal-consents-from = Frå
portal-consents-to = Til
portal-consents-active = Gjeld no.
portal-consents-ended = Gjeld ikkje lenger.
portal-consents-said-yes = De har sagt ja.
portal-consents-said-no = De har sagt nei.
portal-consents-who-not = Kven får det ikkje:
portal-consents-withdraw = Trekk tilbake
portal-consents-give = Sei ja eller nei til å dele
portal-consents-stance = Kva seier du?
portal-consents-yes = Ja, dei kan få det
portal-consents-no = Nei, dei skal ikkje få det
portal-consents-no-wins = Eit nei går framfor alle ja. Berre lova går framfor eit nei, til dømes når eit barn ikkje er trygt.
portal-consents-purpose = Skriv kort kvifor
portal-consents-units = Kven gjeld det
portal-consents-categories = Kva gjeld det
portal-consents-until = Til dato (kan stå tom)
portal-consents-submit = Send svaret
portal-consent-given = Takk. Det gjeld frå i dag.
portal-consent-refused = Takk. Frå i dag får dei ikkje noko av dette.
portal-consent-withdrawn = Det gjeld ikkje lenger. Ingen får meir frå i dag.
portal-consents-waiting-you = Vi ventar på at du seier ja. Før det gjeld det ikkje.
portal-consents-waiting-other = Vi ventar på at den andre forelderen seier ja. Før det gjeld det ikkje.
portal-consents-upcoming = Gjeld ikkje enno.
portal-consents-join = Eg seier også ja
portal-consent-joined = Takk. No gjeld det.
portal-consent-given-waiting = Takk. Det gjeld når den andre forelderen også har sagt ja.

portal-category-relay-log = Loggen: det vi ser, måla og det vi gjer
portal-category-plan = Planen
portal-category-feedback = Svar på skjema
portal-category-health = Helse
portal-category-school = Skule
portal-category-other = Anna

portal-looked-title = Kven har sett på dataa
portal-looked-intro = Her ser du kven som har sett på dataa, dag for dag. Du ser kvar dei jobbar og kvifor.
portal-looked-none = Ingen har sett på dataa enno.
portal-looked-no-unit = Kommunen
portal-looked-read = { $unit } såg { $what } { $count ->
    [one] { $count } gong.
   *[other] { $count } gonger.
}
portal-looked-create = { $unit } la til noko i { $what } { $count ->
    [one] { $count } gong.
   *[other] { $count } gonger.
}
portal-looked-update = { $unit } endra noko i { $what } { $count ->
    [one] { $count } gong.
   *[other] { $count } gonger.
}
portal-looked-other = { $unit } brukte { $what } { $count ->
    [one] { $count } gong.
   *[other] { $count } gonger.
}
portal-looked-emergency = { $unit } opna dataa fordi det hasta, { $count ->
    [one] { $count } gong.
   *[other] { $count } gonger.
}
portal-looked-what-details = sida om barnet
portal-looked-what-log = loggen
portal-looked-what-concern = det nokon var uroleg for
portal-looked-what-plan = planen
portal-looked-what-meetings = møta
portal-looked-what-feedback = skjema og svar
portal-looked-what-consents = kva de har sagt ja til
portal-looked-what-messages = det de har skrive
portal-looked-what-intake = saka hos mottaket
portal-looked-what-other = dataa
portal-looked-caption = Kven har sett på kva. Nyaste dag står først.
portal-looked-day = Dag
portal-looked-what = Kven og kva
portal-looked-why = Kvifor
portal-looked-pages = Sider
portal-looked-page = Side { $page } av { $pages }.
portal-looked-newer = Nyare
portal-looked-older = Eldre
portal-looked-bad-page = Vi fann ikkje den sida. Her er den første.

portal-role-staff = Tilsett
portal-role-unit-leader = Leiar
portal-role-municipality-leader = Leiar i kommunen
portal-role-intake = Mottak
portal-role-admin = Den som held lista over barn og tilsette
portal-role-privacy-officer = Personvern
portal-role-other = Tilsett


portal-purpose-follow-up = For å hjelpe dykk
portal-purpose-administration = For å halde lista i orden
portal-purpose-privacy-review = For å passe på personvernet
portal-purpose-triage = For å finne rett hjelp
portal-purpose-other = Anna

portal-basis-service-task = Dei jobbar med dykk
portal-basis-consent = De sa ja til å dele
portal-basis-register-maintenance = Lista må vere rett
portal-basis-accountability = Nokon må sjekke at loggen er rett
portal-basis-emergency-access = Det hasta
portal-basis-data-subject-right = De har rett til å sjå
portal-basis-other = Lova

portal-document-title = Alt om oss
portal-document-intro = Her er alt vi har om dykk. Du kan skrive det ut.
portal-log-title = Loggen
portal-log-count = { $count ->
    [one] Loggen har { $count } del. Han er med i fila.
   *[other] Loggen har { $count } delar. Dei er med i fila.
}

portal-write-title = Skriv til oss
portal-write-kind = Kva vil du?
portal-write-note = Eit ord til dei som hjelper oss
portal-write-note-hint = Den som følgjer dykk opp, får det.
portal-write-what-matters = Det som er viktig for meg
portal-write-what-matters-hint = Med dine ord. Dei som hjelper dykk, ser det.
portal-write-restriction = Be om at dataa ikkje blir brukte
portal-write-restriction-hint = Den som passar på personvernet, får det.
portal-write-correction = Be om å rette noko som er feil
portal-write-correction-hint = Den som passar på personvernet, får det.
portal-write-text = Skriv her
portal-write-submit = Send
portal-write-sent = Takk. Vi har fått det.
portal-write-sent-request = Takk. Vi har fått det. Du får svar.

portal-error-message = Skriv noko først. Bruk høgst 4000 teikn.
portal-error-kind = Vel kva du vil.
portal-error-date = Datoen er feil.
portal-error-unit = Vel blant dei vi viser.
portal-error-stance = Vel ja eller nei.

portal-staff-family-title = Frå familien
portal-staff-family-intro = Det familien har skrive på familiesidene: ord til dei som følgjer opp, og det som er viktig for dei.
portal-staff-requests-title = Ønske frå familiar
portal-staff-requests-intro = Familiar som ber om at data ikkje blir brukte, eller om å rette noko. Eldste først.
portal-staff-none = Ingenting enno.
portal-staff-family-link = Frå familien
portal-staff-requests-link = Ønske frå familiar om avgrensing eller retting
