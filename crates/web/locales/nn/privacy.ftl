# The privacy officer: restriction of processing (GDPR art. 18).
nav-privacy = Avgrensing
privacy-title = Avgrensing av behandling
privacy-intro = Når ein person ber om det (til dømes medan det er usemje om opplysningane er rette), kan behandlinga av opplysningane avgrensast. Opplysningane blir lagra, men ingen brukar eller deler dei før avgrensinga blir oppheva.
privacy-find = Finn
privacy-status = Status
privacy-restricted = Behandlinga er avgrensa
privacy-not-restricted = Ikkje avgrensa
privacy-since = Avgrensa sidan
privacy-reason = Grunngiving
privacy-restrict-intro = Tilsette vil ikkje lenger sjå personen eller saka i det daglege arbeidet.
privacy-restrict = Avgrens behandlinga
privacy-lift-intro = Når avgrensinga blir oppheva, kan opplysningane brukast som før.
privacy-lift = Opphev avgrensinga
privacy-done-restricted = Behandlinga er avgrensa.
privacy-done-lifted = Avgrensinga er oppheva.
privacy-see-log = Sjå kven som har sett opplysningane
