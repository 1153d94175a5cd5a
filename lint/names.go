package lint

import (
	"strings"
	"sync"

	"github.com/termsmith/termsmith/internal/lazy"
)

// builtinNames are capitalised words and phrases that are names in any
// Dutch or English text, never defined terms: countries, nationalities and
// languages, months and days, and the institutions and laws terms cite.
var builtinNames = sync.OnceValue(func() []string {
	var out []string
	for _, list := range []string{countriesEN, countriesNL, regionsEN, citiesEN, nationalitiesEN, nationalitiesNL, calendar, institutions, laws} {
		for _, n := range strings.Split(list, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
})

// The lists behind builtinNames, comma-separated.
const (
	countriesEN = `Afghanistan, Albania, Algeria, Andorra, Angola, Antigua and Barbuda, Argentina, Armenia, Australia,
Austria, Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan,
Bolivia, Bosnia and Herzegovina, Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia,
Cameroon, Canada, Cape Verde, Central African Republic, Chad, Chile, China, Colombia, Comoros, Congo,
Costa Rica, Croatia, Cuba, Cyprus, Czech Republic, Czechia, Denmark, Djibouti, Dominica, Dominican Republic,
East Timor, Ecuador, Egypt, El Salvador, Equatorial Guinea, Eritrea, Estonia, Eswatini, Ethiopia, Fiji,
Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Grenada, Guatemala, Guinea, Guinea-Bissau,
Guyana, Haiti, Honduras, Hong Kong, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland, Israel, Italy,
Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia,
Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia,
Maldives, Mali, Malta, Marshall Islands, Mauritania, Mauritius, Mexico, Micronesia, Moldova, Monaco,
Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nauru, Nepal, Netherlands, New Zealand,
Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman, Pakistan, Palau, Palestine, Panama,
Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda,
Saint Kitts and Nevis, Saint Lucia, Saint Vincent and the Grenadines, Samoa, San Marino, Saudi Arabia,
Senegal, Serbia, Seychelles, Sierra Leone, Singapore, Slovakia, Slovenia, Solomon Islands, Somalia,
South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria,
Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Trinidad and Tobago, Tunisia, Turkey, Türkiye,
Turkmenistan, Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States,
United States of America, Uruguay, Uzbekistan, Vanuatu, Vatican City, Venezuela, Vietnam, Yemen, Zambia,
Zimbabwe, Europe, Africa, Asia, America, North America, South America, Latin America, Oceania,
European Economic Area, Crimea, Aruba, Curaçao, Sint Maarten, Bonaire, England, Scotland, Wales,
Northern Ireland, Great Britain, Amsterdam,
Rotterdam, Utrecht, The Hague, Brussels, London, Paris, Berlin, Dublin`

	countriesNL = `Afghanistan, Albanië, Algerije, Angola, Argentinië, Armenië, Australië, Azerbeidzjan, Bahama's,
Bahrein, Bangladesh, Belarus, Wit-Rusland, België, Bolivia, Bosnië en Herzegovina, Brazilië, Bulgarije,
Cambodja, Canada, Centraal-Afrikaanse Republiek, Chili, Colombia, Costa Rica, Cuba, Cyprus, Denemarken,
Dominicaanse Republiek, Duitsland, Ecuador, Egypte, Estland, Ethiopië, Filipijnen, Finland, Frankrijk,
Georgië, Ghana, Griekenland, Guatemala, Haïti, Honduras, Hongarije, Ierland, IJsland, India, Indonesië,
Irak, Iran, Israël, Italië, Ivoorkust, Jamaica, Japan, Jemen, Jordanië, Kaapverdië, Kameroen, Kazachstan,
Kenia, Kosovo, Koeweit, Kroatië, Letland, Libanon, Liberia, Libië, Liechtenstein, Litouwen, Luxemburg,
Madagaskar, Maleisië, Malta, Marokko, Mauritius, Mexico, Moldavië, Monaco, Mongolië, Montenegro,
Mozambique, Myanmar, Namibië, Nederland, Nieuw-Zeeland, Nigeria, Noord-Korea, Noord-Macedonië, Noorwegen,
Oekraïne, Oezbekistan, Oostenrijk, Pakistan, Palestina, Panama, Paraguay, Peru, Polen, Portugal, Qatar,
Roemenië, Rusland, Rwanda, Saoedi-Arabië, Senegal, Servië, Singapore, Slovenië, Slowakije, Somalië, Spanje,
Sri Lanka, Soedan, Suriname, Syrië, Taiwan, Tanzania, Thailand, Tsjechië, Tunesië, Turkije, Uganda, Uruguay,
Venezuela, Verenigd Koninkrijk, Verenigde Arabische Emiraten, Verenigde Staten, Verenigde Staten van Amerika,
Vietnam, Zambia, Zimbabwe, Zuid-Afrika, Zuid-Korea, Zweden, Zwitserland, Europa, Afrika, Azië, Amerika,
Noord-Amerika, Zuid-Amerika, Oceanië, Europese Economische Ruimte, Engeland, Schotland, Groot-Brittannië,
Aruba, Curaçao, Sint Maarten, Bonaire, Caribisch Nederland, Den Haag, ’s-Gravenhage, Brussel, Londen, Parijs,
Berlijn, Amsterdam, Rotterdam, Utrecht, Eindhoven, Groningen, Arnhem, Zwolle, Leeuwarden, Maastricht`

	// regionsEN are the states of the United States, the provinces of
	// Canada and the states and territories of Australia, where terms
	// often place a party, a court or the governing law.
	regionsEN = `Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Georgia,
Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts, Michigan,
Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey, New Mexico, New York,
North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota,
Tennessee, Texas, Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming, District of Columbia,
Puerto Rico, Alberta, British Columbia, Manitoba, New Brunswick, Newfoundland and Labrador, Nova Scotia,
Ontario, Prince Edward Island, Quebec, Québec, Saskatchewan, New South Wales, Queensland, Victoria,
Tasmania, Western Australia, South Australia, Northern Territory, Australian Capital Territory`

	// citiesEN are the major cities and seats of courts and companies that
	// terms name, in English.
	citiesEN = `San Francisco, Los Angeles, San Diego, San Jose, Seattle, Chicago, Boston, Philadelphia,
Houston, Dallas, Austin, Atlanta, Miami, Denver, Phoenix, Portland, Wilmington, New York City, Manhattan,
Toronto, Montreal, Vancouver, Ottawa, Mexico City, São Paulo, Rio de Janeiro, Buenos Aires, Sydney,
Melbourne, Auckland, Tokyo, Osaka, Seoul, Beijing, Shanghai, Shenzhen, Bangalore, Bengaluru, Mumbai,
New Delhi, Delhi, Hyderabad, Tel Aviv, Jerusalem, Dubai, Abu Dhabi, Istanbul, Cairo, Lagos, Nairobi,
Johannesburg, Cape Town, Madrid, Barcelona, Lisbon, Rome, Milan, Vienna, Munich, Frankfurt, Hamburg,
Zurich, Geneva, Stockholm, Copenhagen, Oslo, Helsinki, Warsaw, Prague, Budapest, Athens, Edinburgh,
Manchester, Cork, Antwerp, Luxembourg City`

	nationalitiesEN = `American, Australian, Austrian, Belgian, British, Bulgarian, Canadian, Chinese, Croatian, Czech,
Danish, Dutch, English, Estonian, European, Finnish, French, German, Greek, Hungarian, Indian, Irish, Italian,
Japanese, Latvian, Lithuanian, Luxembourgish, Maltese, Norwegian, Polish, Portuguese, Romanian, Russian,
Scottish, Slovak, Slovenian, Spanish, Swedish, Swiss, Turkish, Ukrainian, Welsh, Frisian, Arabic, Hindi`

	nationalitiesNL = `Nederlands, Nederlandse, Europees, Europese, Belgisch, Belgische, Duits, Duitse, Engels, Engelse,
Frans, Franse, Luxemburgs, Luxemburgse, Amerikaans, Amerikaanse, Brits, Britse, Iers, Ierse, Spaans, Spaanse,
Italiaans, Italiaanse, Portugees, Portugese, Zweeds, Zweedse, Deens, Deense, Noors, Noorse, Fins, Finse,
Pools, Poolse, Zwitsers, Zwitserse, Oostenrijks, Oostenrijkse, Chinees, Chinese, Japans, Japanse, Indiaas,
Indiase, Australisch, Australische, Russisch, Russische, Oekraïens, Oekraïense, Turks, Turkse, Grieks,
Griekse, Fries, Friese, Canadees, Canadese, Arabisch, Arabische`

	calendar = `January, February, March, April, May, June, July, August, September, October, November, December,
Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday,
Januari, Februari, Maart, Mei, Juni, Juli, Augustus, Oktober,
Maandag, Dinsdag, Woensdag, Donderdag, Vrijdag, Zaterdag, Zondag`

	institutions = `European Union, European Commission, European Parliament, Council of the European Union,
European Data Protection Board, European Data Protection Supervisor, Court of Justice of the European Union,
Court of Justice, European Court of Human Rights, United Nations, Federal Trade Commission,
Securities and Exchange Commission, Internal Revenue Service, Department of the Treasury,
Department of Commerce, Department of Justice, Office of Foreign Assets Control, Bureau of Industry and Security,
Information Commissioner's Office, Supreme Court, Chamber of Commerce,
Europese Unie, Europese Commissie, Europees Parlement, Raad van de Europese Unie, Europees Comité voor gegevensbescherming,
Hof van Justitie, Hof van Justitie van de Europese Unie, Autoriteit Persoonsgegevens, Autoriteit Consument en Markt,
Autoriteit Financiële Markten, De Nederlandsche Bank, Kamer van Koophandel, Belastingdienst, Hoge Raad,
Raad van State, Handelsregister, Nederlands Arbitrage Instituut, Geschillencommissie,
World Bank, International Monetary Fund, World Trade Organization, World Health Organization,
World Intellectual Property Organization, International Chamber of Commerce, International Court of Justice,
Council of Europe, Organisation for Economic Co-operation and Development, European Central Bank,
European Investment Bank, Internet Corporation for Assigned Names and Numbers`

	laws = `General Data Protection Regulation, Data Act, Digital Services Act, Digital Markets Act, AI Act,
Artificial Intelligence Act, Data Governance Act, Cyber Resilience Act, NIS2 Directive, ePrivacy Directive,
California Consumer Privacy Act, California Privacy Rights Act, Children's Online Privacy Protection Act,
Digital Millennium Copyright Act, Export Administration Regulations, Standard Contractual Clauses,
EU-U.S. Data Privacy Framework, Data Privacy Framework, Privacy Shield, Dutch Civil Code, Civil Code,
Uniform Commercial Code, United Nations Convention on Contracts for the International Sale of Goods,
Vienna Sales Convention, Weens Koopverdrag, Algemene Verordening Gegevensbescherming,
Uitvoeringswet Algemene Verordening Gegevensbescherming, Burgerlijk Wetboek, Wetboek van Burgerlijke Rechtsvordering,
Telecommunicatiewet, Auteurswet, Databankenwet, Handelsregisterwet, Dataverordening, Digitale Dienstenverordening,
Wet bescherming persoonsgegevens, Archiefwet`
)

// companyRE finds a company named with its legal form — "GitHub, Inc.",
// "Norvato B.V.", "Stripe Payments Europe Ltd" — a party or a supplier
// the text names: its name is a name wherever the text uses it.
var companyRE = lazy.Regexp(`((?:\p{Lu}[\p{L}\d&'’\-]*\s+){0,3}\p{Lu}[\p{L}\d&'’\-]*),?\s+(?:Inc|Ltd|LLC|Corp|Corporation|Limited|GmbH|plc|B\.V|N\.V|BV|NV|S\.A|AG|SE)\b`)

// definedElsewhereRE finds a capitalised phrase that the text says another
// document defines: "Personal Information (as defined in the Privacy
// Statement)", "Gebruikersgegevens, zoals gedefinieerd in de
// Verwerkersovereenkomst". It is that document's term, used by its name;
// the capitalised words after "in" name that document.
var definedElsewhereRE = lazy.Regexp(`((?:\p{Lu}[\p{L}\d'’\-]*\s+){0,4}\p{Lu}[\p{L}\d'’\-]*)\s*[(,]\s*(?:(?:as|zoals)\s+(?:(?:that\s+term\s+is|is)\s+)?(?:defined|gedefinieerd|omschreven)|als\s+(?:gedefinieerd|bedoeld))\s+(?:in|by|under|onder)\b(?:\s+(?:the|de|het)\b)?(?:\s+(\p{Lu}[\p{L}\d'’\-]*(?:\s+\p{Lu}[\p{L}\d'’\-]*){0,5}))?`)

// lawWords end the name of a law or an instrument: "Bribery Act",
// "Foreign Corrupt Practices Act of 1977", "General Data Protection
// Regulation", "ePrivacy Directive", "Vienna Sales Convention". A word
// such as "Code" or "Policy" is not one: "Access Code" and "Fair Use
// Policy" are as often a document's own defined terms.
var lawWords = map[string]bool{
	"act": true, "acts": true, "regulation": true, "regulations": true, "directive": true, "directives": true,
	"convention": true, "treaty": true, "statute": true, "ordinance": true,
}

// dutchLawSuffixes end a Dutch law's name written as one word:
// Telecommunicatiewet, Burgerlijk Wetboek, Dataverordening, Auteursrichtlijn,
// Weens Koopverdrag.
var dutchLawSuffixes = []string{"wet", "wetboek", "verordening", "richtlijn", "verdrag"}

// lawName reports whether a capitalised phrase names a law or an
// instrument: two or more words, the last a law word ("Bribery Act"); or a
// Dutch word ending in one ("Mededingingswet"); or the Dutch "Wet" that
// lower-case words follow, as Dutch law titles are written ("Wet
// bescherming persoonsgegevens"). next is the word after the phrase, "" if
// none.
func lawName(phrase []token, next string) bool {
	last := strings.ToLower(phrase[len(phrase)-1].word)
	if len(phrase) >= 2 && lawWords[last] {
		return true
	}
	for _, suf := range dutchLawSuffixes {
		if strings.HasSuffix(last, suf) && len(last) > len(suf)+2 {
			return true
		}
	}
	return len(phrase) == 1 && phrase[0].word == "Wet" && next != "" && !capitalised(next)
}

// documentWords end the name a document calls itself by after "this" or
// "these": "this Anti-Corruption Statement", "these Marketplace Terms",
// "deze Privacyverklaring".
var documentWords = map[string]bool{
	"statement": true, "policy": true, "policies": true, "terms": true, "agreement": true, "addendum": true,
	"notice": true, "guidelines": true, "conditions": true, "verklaring": true, "voorwaarden": true,
	"overeenkomst": true, "reglement": true, "beleid": true,
}

// selfReference reports whether a capitalised phrase of two or more words
// after "this" or "these" names the document it is in: "comply with this
// Anti-Corruption Statement".
func selfReference(prev string, phrase []token) bool {
	switch prev {
	case "this", "these", "deze", "dit":
	default:
		return false
	}
	return len(phrase) >= 2 && documentWords[strings.ToLower(phrase[len(phrase)-1].word)]
}

// possessive reports whether a word is a possessive: "Microsoft's",
// "GitHub’s". A plural possessive ("Users'") is not one: it is more often a
// defined term than a name.
func possessive(w string) bool {
	for _, suf := range []string{"'s", "’s"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return true
		}
	}
	return false
}

// articles are the words before a possessive that make it a term's rather
// than a name's: "the Customer's data".
var articles = map[string]bool{"the": true, "a": true, "an": true, "de": true, "het": true, "een": true}

// possessors returns the capitalised words of text that own a capitalised
// thing without an article before them: "Microsoft" in "Microsoft's
// Anti-Corruption Policy". A proper name owns things so; a defined term
// takes its article ("the Customer's Account").
func possessors(text string) []string {
	toks := tokenize(text)
	var out []string
	for i, t := range toks {
		if t.opaque || !capitalised(t.word) || !possessive(t.word) || i+1 >= len(toks) {
			continue
		}
		next := toks[i+1]
		if next.opaque || next.start || !capitalised(next.word) || strings.TrimSpace(text[t.end:next.off]) != "" {
			continue
		}
		if i > 0 && !toks[i-1].opaque && (articles[strings.ToLower(toks[i-1].word)] || determiners[strings.ToLower(toks[i-1].word)]) {
			continue
		}
		out = append(out, t.word)
	}
	return out
}

// nameJoiners join the capitalised words of a thing's name after its
// owner: "GitHub's Code of Ethics", "Gifts and Entertainment Policy".
var nameJoiners = map[string]bool{"of": true, "and": true, "&": true, "for": true, "on": true, "van": true, "en": true, "voor": true}

// linkNames returns the names the text of an external link gives: the
// text itself, its capitalised words ("Creative Commons Zero" in
// "Creative Commons Zero license"), and after an owner the thing owned
// and the owner ("Privacy Statement" and "GitHub" in "GitHub's Privacy
// Statement"). A link text that starts in lower case names nothing.
func linkNames(text string) []string {
	f := strings.Fields(text)
	if len(f) == 0 || !capitalised(f[0]) {
		return nil
	}
	out := []string{text}
	lead := func(f []string) {
		n := 0
		for k := 0; k < len(f) && (capitalised(f[k]) || nameJoiners[f[k]] && k+1 < len(f) && capitalised(f[k+1])); k++ {
			n = k + 1
		}
		if n > 0 && n < len(f) {
			out = append(out, strings.Join(f[:n], " "))
		}
	}
	lead(f)
	if possessive(f[0]) && len(f) > 1 && capitalised(f[1]) {
		owner := strings.TrimSuffix(strings.TrimSuffix(f[0], "'s"), "’s")
		out = append(out, owner, strings.Join(f[1:], " "))
		lead(f[1:])
	}
	return out
}

// incorporationRE finds a sentence that gives the capitalised terms a text
// does not define the meaning another document gives them: "Any
// capitalized terms used but not defined below have the meanings in the
// Agreement", "Begrippen die hier niet zijn gedefinieerd hebben de
// betekenis die de Algemene Voorwaarden eraan geven".
var incorporationRE = lazy.Regexp(`(?i)(?:capitali[sz]ed\s+(?:terms|words)|defined\s+terms|begrippen|termen)[^.;]{0,60}?\bnot\s+(?:otherwise\s+)?defined[^.;]{0,80}?\b(?:(?:have|has|shall\s+have|bear)\s+the\s+meanings?|(?:will|shall)\s+(?:be|have\s+been)\s+defined\s+(?:in|by)|are\s+defined\s+(?:in|by))|(?:begrippen|termen)[^.;]{0,60}?\bniet\s+(?:\S+\s+){0,3}?gedefinieerd[^.;]{0,80}?\bbetekenis`)

// jurisdictionWords name a kind of place that, with "of" and the place's
// name, is the name of a state or a court's seat: "the State of
// California", "the City and County of San Francisco", "the Province of
// Ontario".
var jurisdictionWords = map[string]bool{
	"state": true, "county": true, "city": true, "province": true, "commonwealth": true, "republic": true,
	"kingdom": true, "district": true, "borough": true, "canton": true, "municipality": true, "territory": true,
	"prefecture": true, "town": true, "parish": true,
}

// jurisdiction returns the index after a place named by its kind, "of"
// and its capitalised name from toks[i] — "State of California", "City
// and County of San Francisco" — or i if toks[i] starts none. A kind on
// its own ("the State may") is no name.
func jurisdiction(text string, toks []token, i int) int {
	joined := func(k int) bool {
		return k < len(toks) && !toks[k].opaque && !toks[k].start && strings.TrimSpace(text[toks[k-1].end:toks[k].off]) == ""
	}
	j := i
	for jurisdictionWords[strings.ToLower(toks[j].word)] {
		// "City and County of": kinds joined by "and".
		if joined(j+2) && toks[j+1].word == "and" && jurisdictionWords[strings.ToLower(toks[j+2].word)] && capitalised(toks[j+2].word) {
			j += 2
			continue
		}
		break
	}
	if !jurisdictionWords[strings.ToLower(toks[j].word)] || !joined(j+1) || toks[j+1].word != "of" || !joined(j+2) || !capitalised(toks[j+2].word) {
		return i
	}
	j += 2
	for j < len(toks) && (j == i || joined(j)) && capitalised(toks[j].word) {
		j++
	}
	return j
}

// currencyWords name currencies, which a country or its abbreviation
// before them makes a name: "U.S. Dollars", "Australian Dollars", "Swiss
// Francs".
var currencyWords = map[string]bool{
	"dollar": true, "dollars": true, "euro": true, "euros": true, "pound": true, "pounds": true, "sterling": true,
	"franc": true, "francs": true, "yen": true, "yuan": true, "renminbi": true, "krona": true, "kronor": true,
	"krone": true, "kroner": true, "peso": true, "pesos": true, "rupee": true, "rupees": true, "real": true,
	"reais": true, "rand": true, "won": true, "zloty": true, "shekel": true, "shekels": true, "dirham": true,
	"dirhams": true, "riyal": true, "riyals": true, "ruble": true, "rubles": true, "lira": true,
}

// currency reports whether toks[i] is a currency after an abbreviation of
// a country: "U.S. Dollars", "US Dollars", "HK Dollars". (After a
// country's name, "Australian Dollars", the name's words take it.) A
// currency on its own ("in Dollars") is left to the author to define.
func currency(text string, toks []token, i int) bool {
	if i == 0 || !currencyWords[strings.ToLower(toks[i].word)] {
		return false
	}
	prev := toks[i-1]
	return !prev.opaque && allCaps(prev.word) && strings.Trim(text[prev.end:toks[i].off], ". ") == ""
}
