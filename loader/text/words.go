package text

// Word classes of English that both the actors and the events stages read.
var (
	// auxiliaries, modals, adverbs and time words that may stand between a subject and its verb
	AuxWords = Set("will", "would", "shall", "should", "can", "could", "may", "might", "must", "has",
		"have", "had", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "not",
		"never", "also", "again", "still", "already", "now", "just", "then", "jointly", "reportedly",
		"allegedly", "today", "yesterday", "tonight", "here", "once", "further", "even", "only",
		"repeatedly", "recently", "later", "earlier", "too", "all", "both", "each", "to", "'ll", "'s",
		"'re", "'ve", "'d", "no", "longer", "formally", "officially", "publicly", "openly", "reportedly",
		"last", "this", "next", "week", "month", "year", "weekend", "morning", "evening", "night",
		"afternoon", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"on", "in", "early", "late", "flatly", "swiftly", "quickly", "immediately", "sharply",
		"strongly", "firmly", "again", "routinely", "sexually", "first", "finally", "ever",
		"wo", "ca", "n't", "up", "hard")
	// words that end a clause for the purpose of finding a verb's subject or object
	BreakWords = Set(",", ";", ":", "that", "which", "who", "whom", "whose", "because", "while",
		"when", "whereas", "although", "though", "if", "unless", "but", "and", "or", "as", "after",
		"before", "since", "until", "despite", "where", "whether", "so", "than", "(", ")", "\"", "“",
		"”", "‘", "’", "–", "—", "-", ".", "?", "!", "…", "nor", "yet", "amid", "says", "said", "say")
	Prepositions = Set("in", "on", "at", "from", "with", "by", "for", "into", "onto", "over", "under",
		"against", "about", "after", "before", "during", "through", "to", "toward", "towards", "upon",
		"among", "between", "across", "near", "since", "until", "via", "without", "within", "despite",
		"outside", "inside", "throughout", "behind", "beyond", "like", "including", "following", "alongside")
)
