# Anonymous consultation.
consultation-title = Anonym drøftelse
consultation-short = drøft en situation med et andet tilbud uden at sige, hvem det gælder.
consultation-intro = Beskriv situationen uden navne, personnummer, fødselsdato eller andre detaljer, der kan afsløre, hvem det gælder. Drøftelsen knyttes ikke til noget barn.
consultation-with = Med hvilket tilbud
consultation-question = Situationen og spørgsmålet
consultation-question-hint = For eksempel: »En dreng på 9 år er ofte træt og sulten. Hvad kan skolen gøre?«
consultation-advice = Råd, I fik
consultation-save = Gem drøftelsen
consultation-saved = Drøftelsen er gemt uden noget, der knytter den til et barn.
consultation-warnings = Teksten kan afsløre, hvem det gælder. Fjern det, eller bekræft, at den ikke gør:
consultation-confirm = Jeg har tjekket teksten, og den afslører ikke, hvem det gælder
consultation-mine = Dine drøftelser
consultation-none = Du har ingen gemte drøftelser.
anonymous-found-nin = »{ $text }« er et personnummer.
anonymous-found-name = »{ $text }« ligner et navn.
anonymous-found-date = »{ $text }« kan være en fødselsdato.
anonymous-error-nin = Teksten indeholder et personnummer. Fjern det, før du gemmer.
