/**
 * Words and merchants that name a category. A phrase (several words) beats a single word, so
 * "gas bill" is utilities while "gas" is fuel, and "subway ticket" is transport.
 * Bank descriptions ("NETFLIX.COM", "SHELL OIL 5743") are matched on the same words.
 *
 * Why some words are here (blind probe 2): people mix in the local word for an everyday spend
 * ("Miete 900", "Apotheke 12,90", "Tanken 55", "coiffeur 35"), so each category carries the common
 * German/French/Spanish words; texting shorthand ("bkfst") counts as the word; "market" alone is the
 * food market ("stock market" and "flea market" are phrases, so they still win elsewhere); "books for
 * class" is education, not a bookshop trip; a card issuer's name ("amex") on a transfer means paying
 * the card off; "transfer"/"transferred" are weak so the destination ("brokerage") names the category.
 */
export const CATEGORY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  groceries: [
    'groceries', 'grocery', 'supermarket', 'supermarkt', 'lebensmittel', 'einkauf', 'supermercado', 'mercado', 'market', 'farmers market', 'markt', 'marché', 'épicerie', 'weekly shop', 'food shop', 'vegetables', 'veggies', 'fruit', 'milk', 'bread', 'eggs',
    'convenience store', 'safeway', 'kroger', 'aldi', 'lidl', 'tesco', 'sainsbury', 'sainsburys', 'asda', 'morrisons', 'waitrose',
    'whole foods', 'trader joe', 'trader joes', 'costco', 'walmart grocery', 'publix', 'wegmans', 'albertsons', 'carrefour', 'rewe',
    'edeka', 'bigbasket', 'big basket', 'blinkit', 'zepto', 'dmart', 'instacart', 'coop', 'spar', 'iceland', 'co-op', 'food lion',
    'h-e-b', 'heb', 'meijer', 'sprouts', 'market basket', 'grofers', 'reliance fresh', 'more supermarket', 'nature basket', 'kirana',
    'instamart', 'swiggy instamart', 'amazon fresh', 'jiomart', 'woolworths', 'woolies', 'coles', 'iga', 'harris farm', 'countdown', 'pak n save', 'loblaws', 'no frills', 'sobeys',
    'diapers', 'diaper', 'nappies', 'baby wipes', 'baby formula', 'big bazaar', 'nature\'s basket', 'star bazaar',
    'mercadona', 'migros', 'albert heijn', 'monoprix', 'netto', 'kaufland', 'hofer', 'grocery store', 'produce', 'food 4 less', 'stop & shop', 'giant eagle', 'hy-vee', 'winco', 'ocado', 'baby food', 'pampers', 'huggies', 'sams club', 'bjs wholesale', 'freshco', 'real canadian superstore', 'superstore', 'food basics', 'fortinos', 'save on foods', 'foodland', 'piggly wiggly', 'smart & final', 'grocery outlet',
  ],
  dining: [
    'lunch', 'dinner', 'breakfast', 'brunch', 'coffee', 'latte', 'cappuccino', 'espresso', 'tea', 'chai', 'snack', 'snacks', 'meal',
    'restaurant', 'cafe', 'café', 'bar', 'pub', 'drinks', 'beer', 'wine', 'cocktails', 'takeout', 'takeaway', 'take-out', 'delivery',
    'pizza', 'sushi', 'tacos', 'taco', 'burger', 'burgers', 'ramen', 'noodles', 'curry', 'kebab', 'sandwich', 'bagel', 'donut',
    'ice cream', 'dessert', 'bakery', 'food court', 'starbucks', 'dunkin', 'mcdonalds', "mcdonald's", 'mcdonald', 'kfc', 'subway sandwich',
    'chipotle', 'dominos', "domino's", 'pizza hut', 'burger king', 'wendys', "wendy's", 'taco bell', 'pret', 'costa', 'nandos',
    'greggs', 'swiggy', 'zomato', 'doordash', 'ubereats', 'uber eats', 'grubhub', 'deliveroo', 'just eat', 'dine', 'dining', 'eat out',
    'eating out', 'kaffee', 'mittagessen', 'abendessen', 'frühstück', 'essen', 'restaurante', 'comida', 'cena', 'almuerzo', 'déjeuner', 'dîner', 'bistro', 'diner', 'canteen', 'tiffin', 'biryani', 'dosa', 'pho', 'boba', 'smoothie', 'juice', 'tim hortons',
    'brekkie', 'brekky', 'bkfst', 'brkfst', 'bfast', 'boulangerie', 'bäckerei', 'panadería', 'panaderia', 'restaraunt', 'restraunt', 'resto', 'restro', 'dhaba', 'eatery', 'panera', 'chick-fil-a', 'chick fil a', 'five guys', 'shake shack', 'in-n-out', 'popeyes', 'sweetgreen', 'dutch bros', 'peets', "peet's",
    'haldiram', 'barista', 'cafe coffee day', 'ccd', 'hungry jacks', 'guzman y gomez', 'izakaya', 'yakitori', 'sushiro', 'bento', 'tapas', 'gelato', 'croissant', 'pastry', 'bubble tea', 'happy hour', 'takeout food', 'food delivery',
    'mcd', 'maccas', 'food truck', 'street food', 'nachos', 'wings', 'salad', 'steak', 'bbq', 'fried chicken', 'shawarma', 'falafel', 'dumplings', 'dim sum', 'thali', 'momos', 'paratha', 'samosa', 'pasta', 'hot dog', 'burrito', 'poke', 'kebabs', 'menulog', 'skip the dishes', 'skipthedishes',
  ],
  transport: [
    'uber', 'lyft', 'ola', 'rapido', 'taxi', 'cab', 'metro', 'subway ticket', 'subway fare', 'tube', 'train', 'bus', 'bus fare', 'tram',
    'parking', 'toll', 'tolls', 'auto rickshaw', 'rickshaw', 'auto', 'ferry', 'bolt', 'grab', 'transit', 'commute', 'metrocard',
    'oyster', 'clipper', 'mta', 'amtrak', 'bart', 'caltrain', 'scooter', 'lime', 'bird', 'bike share', 'citibike', 'car wash', 'car wax',
    'oil change', 'car service', 'mechanic', 'bike repair', 'bicycle repair', 'bike service', 'tyres', 'tires', 'bus pass', 'train ticket', 'railway', 'irctc', 'ride',
    'car payment', 'car loan', 'auto loan', 'car emi', 'car repair', 'car repairs', 'auto repair', 'car maintenance', 'car servicing', 'dmv', 'smog check', 'uber ride', 'rideshare',
    'myki', 'opal', 'go card', 'presto', 'suica', 'pasmo', 'icoca', 'octopus', 'ez-link', 'charlie card', 'smartrip', 'ventra', 'orca card', 'bahn', 'deutsche bahn', 'db ticket', 'sncf', 'trenitalia', 'renfe',
    'eurostar', 'flixbus', 'greyhound', 'megabus', 'shinkansen', 'jr pass', 'local train', 'tfl', 'tuk tuk', 'tuktuk', 'e-rickshaw', 'namma yatri', 'blablacar', 'valet', 'e-zpass', 'ezpass', 'fastrak', 'etoll', 'e-toll', 'linkt', 'fastag', 'sunpass', 'car park', 'tyre rotation', 'tire rotation', 'wheel alignment',
  ],
  fuel: ['fuel', 'petrol', 'diesel', 'tanken', 'getankt', 'tankstelle', 'benzin', 'gasolina', 'carburant', 'gas station', 'gasoline', 'gas', 'shell', 'chevron', 'exxon', 'mobil', 'bp', 'texaco', 'esso', 'arco', 'valero', 'sunoco', 'citgo', 'hpcl', 'bpcl', 'indian oil', 'ev charging', 'charging', 'supercharger', 'fill up', 'filled up', 'fill-up', 'fillup', 'full tank', 'the tank', 'servo', 'bpcl petrol', 'caltex', 'ampol', '7-eleven fuel', 'speedway', 'wawa gas', 'costco gas', 'phillips 66', 'circle k', 'petro-canada', 'aral', 'total energies', 'cng'],
  travel: [
    'flight', 'flights', 'airfare', 'airline', 'hotel', 'motel', 'hostel', 'airbnb', 'booking.com', 'expedia', 'trip', 'vacation',
    'holiday', 'resort', 'luggage', 'visa fee', 'visa application', 'passport', 'car rental', 'rental car', 'hertz', 'avis', 'delta', 'united airlines',
    'american airlines', 'southwest', 'ryanair', 'easyjet', 'lufthansa', 'emirates', 'indigo', 'air india', 'vistara', 'makemytrip',
    'goibibo', 'tour', 'cruise', 'lodging', 'inn',
    'hilton', 'marriott', 'hyatt', 'sheraton', 'westin', 'ibis', 'radisson', 'holiday inn', 'best western', 'novotel', 'accor', 'oyo', 'hotels.com', 'agoda', 'trivago', 'vrbo', 'kayak', 'skyscanner',
    'jetblue', 'alaska airlines', 'spirit airlines', 'frontier', 'qantas', 'virgin australia', 'jetstar', 'air canada', 'british airways', 'klm', 'air france', 'singapore airlines', 'cathay',
    'spicejet', 'akasa', 'airport', 'baggage fee', 'checked bag', 'travel', 'travelling', 'traveling', 'sightseeing', 'excursion', 'guesthouse', 'bnb', 'ryokan', 'staycation',
  ],
  rent: ['rent', 'rental payment', 'miete', 'kaltmiete', 'warmmiete', 'loyer', 'alquiler', 'lease', 'landlord', 'housing', 'apartment rent', 'mortgage', 'hoa', 'maintenance fee', 'apartments', 'house rent', 'room rent', 'flat rent', 'pg rent', 'strata', 'body corporate', 'society maintenance'],
  utilities: [
    'utilities', 'utility', 'electricity', 'electric bill', 'power bill', 'water bill', 'water', 'sewer', 'gas bill', 'heating',
    'internet', 'wifi', 'wi-fi', 'broadband', 'phone bill', 'mobile bill', 'mobile recharge', 'recharge', 'cell phone', 'verizon',
    'at&t', 'att', 't-mobile', 'tmobile', 'comcast', 'xfinity', 'spectrum', 'vodafone', 'airtel', 'jio', 'bsnl', 'ee', 'o2',
    'trash', 'garbage', 'council tax', 'con edison', 'pg&e', 'dth', 'tata sky', 'postpaid', 'prepaid',
    'electric', 'hydro bill', 'light bill', 'bescom', 'tneb', 'mseb', 'adani electricity', 'tata power', 'duke energy', 'national grid', 'octopus energy', 'british gas', 'agl', 'origin energy',
    'sim', 'cable bill', 'cable tv', 'data plan', 'phone plan', 'mobile plan', 'top-up', 'fiber', 'fibre', 'act fibernet', 'telstra', 'optus', 'bt', 'sky broadband', 'virgin media', 'lpg', 'gas cylinder', 'cylinder', 'propane', 'council rates', 'water rates', 'gas and electric', 'gas & electric', 'gas and electricity', 'gas electric',
  ],
  shopping: [
    'shopping', 'clothes', 'clothing', 'jeans', 'shirt', 'shoes', 'sneakers', 'dress', 'jacket', 'amazon', 'amazon order', 'amzn',
    'mktplace', 'ebay', 'etsy', 'target', 'walmart', 'best buy', 'flea market', 'zara', 'h&m', 'uniqlo', 'nike', 'adidas', 'flipkart',
    'myntra', 'ajio', 'meesho', 'headphones', 'laptop', 'phone case', 'electronics', 'gadget', 'apple store', 'mall', 'order',
    'gift card', 'books', 'book', 'bookstore', 'bookshop', 'stationery', 'tv', 'television', 'camera', 'watch', 'jewellery',
    'jewelry', 'bag', 'backpack', 'primark', 'marks and spencer', 'argos', 'currys', 'decathlon', 'costco', 'kohls', 'macys',
    'macbook', 'iphone', 'ipad', 'airpods', 'apple watch', 'samsung', 'kindle', 'monitor', 'keyboard', 'mouse', 'charger', 'cable', 'speaker', 'console', 'smartwatch',
    'hoodie', 'tshirt', 't-shirt', 'pants', 'trousers', 'shorts', 'skirt', 'socks', 'underwear', 'sandals', 'heels', 'sunglasses', 'wallet', 'belt', 'kurta', 'saree', 'sari',
    'h and m', 'old navy', 'tj maxx', 'marshalls', 'nordstrom', 'sephora haul', 'shein', 'temu', 'aliexpress', 'kmart', 'big w', 'jb hi-fi', 'jb hifi', 'bunnings haul', 'muji', 'don quijote', 'daiso',
    'croma', 'reliance digital', 'nykaa fashion', 'westside', 'dmart ready', 'mediamarkt', 'fnac', 'el corte ingles', 'toys', 'toy', 'lego', 'stationary', 'tk maxx', 'tjmaxx', 'handbag',
  ],
  entertainment: [
    'movie', 'movies', 'cinema', 'film', 'theatre', 'theater', 'concert', 'gig', 'show', 'tickets', 'ticket', 'bowling', 'arcade',
    'game', 'games', 'gaming', 'steam', 'playstation', 'xbox', 'nintendo', 'museum', 'zoo', 'amusement park', 'festival',
    'karaoke', 'club', 'nightclub', 'party', 'bookmyshow', 'ticketmaster', 'fandango', 'amc', 'imax', 'comedy', 'sports event',
    'pvr', 'inox', 'cinepolis', 'regal', 'cineworld', 'odeon', 'hoyts', 'event cinemas', 'escape room', 'mini golf', 'golf', 'laser tag', 'trampoline', 'theme park', 'disneyland', 'universal studios',
    'broadway', 'musical', 'opera', 'ballet', 'stand-up', 'standup', 'tix', 'live show', 'stadium', 'match', 'ballgame', 'nba', 'nfl', 'mlb', 'ipl', 'cricket match', 'football match', 'billiards', 'darts',
    'netflix party', 'fortnite', 'v-bucks', 'in-game', 'board game', 'aquarium', 'gallery', 'exhibition', 'carnival', 'water park', 'casino', 'lottery', 'lotto', 'ski pass', 'lift ticket', 'lift pass', 'live music',
  ],
  subscriptions: [
    'subscription', 'netflix', 'hulu', 'spotify', 'disney+', 'disney plus', 'hbo', 'max', 'prime video', 'amazon prime', 'youtube premium',
    'apple music', 'icloud', 'google one', 'dropbox', 'github', 'copilot', 'chatgpt', 'openai', 'notion', 'adobe', 'microsoft 365',
    'office 365', 'patreon', 'substack', 'membership', 'hotstar', 'jiocinema', 'audible', 'kindle unlimited', 'nyt', 'newspaper',
    'magazine', 'paramount+', 'peacock', 'crunchyroll', 'duolingo', 'vpn', 'monthly plan', 'annual plan',
    'youtube', 'yt premium', 'apple tv', 'apple tv+', 'apple one', 'apple arcade', 'disney', 'hbo max', 'sling', 'fubo', 'sonyliv', 'zee5', 'netflix subscription', 'amazon prime video',
    'claude', 'midjourney', 'canva', 'figma', 'slack', 'zoom', 'grammarly', 'lastpass', '1password', 'nordvpn', 'expressvpn', 'xbox game pass', 'game pass', 'ps plus', 'playstation plus', 'nintendo online',
    'tidal', 'deezer', 'pandora', 'sirius', 'siriusxm', 'wsj', 'washington post', 'linkedin premium', 'tinder', 'bumble', 'hinge', 'subscribed',
  ],
  health: [
    'doctor', 'dentist', 'dental', 'apotheke', 'pharmacie', 'farmacia', 'arzt', 'zahnarzt', 'médecin', 'médico', 'dentista', 'copay', 'pharmacy', 'medicine', 'medicines', 'prescription', 'vitamins', 'supplements',
    'hospital', 'clinic', 'therapy', 'therapist', 'physio', 'physiotherapy', 'gym', 'gym membership', 'yoga', 'pilates', 'fitness',
    'cvs', 'walgreens', 'boots', 'apollo', 'pharmeasy', '1mg', 'netmeds', 'optician', 'glasses', 'contacts', 'lab test', 'checkup',
    'medical', 'health', 'meds', 'medication', 'medications', 'pills', 'painkillers', 'ibuprofen', 'tylenol', 'advil', 'antibiotics', 'inhaler', 'chemist', 'drugstore', 'rite aid', 'doctor visit', 'gp', 'urgent care', 'er visit',
    'blood test', 'x-ray', 'xray', 'mri', 'vaccine', 'vaccination', 'flu shot', 'eye test', 'eye exam', 'contact lenses', 'orthodontist', 'braces', 'dermatologist', 'pediatrician', 'paediatrician',
    'psychiatrist', 'counselling', 'counseling', 'chiropractor', 'acupuncture', 'crossfit', 'peloton', 'planet fitness', 'anytime fitness', 'cult fit', 'cultfit', 'protein powder', 'whey', 'practo', 'hospital bill', 'panadol', 'nurofen', 'cough syrup', 'cough drops', 'band-aids', 'bandaids', 'band aids', 'optometrist', 'orangetheory', 'f45', 'antihistamine', 'zyrtec', 'claritin', 'benadryl', 'sudafed', 'crocin',
  ],
  education: ['tuition', 'school', 'school supplies', 'course', 'courses', 'udemy', 'coursera', 'edx', 'class fees', 'textbook', 'textbooks', 'college', 'university', 'exam fee', 'training', 'workshop', 'bootcamp', 'tutor', 'tutoring', 'lesson', 'lessons', 'byju', 'unacademy', 'skillshare', 'masterclass', 'class', 'classes', 'tuition fee', 'tuition fees', 'school fees', 'school fee', 'books for class', 'test prep', 'sat prep', 'act prep', 'gre prep', 'gmat prep', 'exam prep', 'lsat prep', 'mcat prep', 'books for school', 'books for uni', 'books for college', 'school books', 'college fees', 'exam', 'exams', 'certification', 'seminar', 'notebooks', 'pencils', 'coaching', 'daycare', 'preschool', 'kindergarten', 'student loan', 'library', 'khan academy', 'pluralsight', 'linkedin learning', 'textbook rental', 'lab fee', 'field trip', 'kumon', 'tuition class', 'piano lessons', 'swim lessons', 'driving lessons', 'ielts', 'toefl', 'school trip'],
  personal_care: ['barber', 'coiffeur', 'friseur', 'peluquería', 'peluqueria', 'haircut', 'hair cut', 'salon', 'spa', 'massage', 'manicure', 'pedicure', 'nails', 'cosmetics', 'makeup', 'skincare', 'shampoo', 'toiletries', 'grooming', 'waxing', 'wax', 'bikini wax', 'brazilian wax', 'eyebrow wax', 'leg wax', 'sephora', 'ulta', 'nykaa', 'beauty', 'perfume', 'beard trim', 'trim', 'hairdresser', 'hair salon', 'blowout', 'hair color', 'hair colour', 'facial', 'threading', 'brows', 'lashes', 'nail salon', 'mani pedi', 'mani-pedi', 'deodorant', 'razor', 'razors', 'lotion', 'sunscreen', 'lipstick', 'moisturizer', 'moisturiser', 'body wash', 'soap', 'toothpaste', 'dental floss', 'urban company', 'parlour', 'parlor', 'hair dye', 'lash extensions', 'tanning', 'spray tan', 'beard oil', 'mascara', 'eyeliner', 'aftershave', 'hair gel', 'conditioner'],
  gifts: ['gift', 'gifts', 'present', 'birthday present', 'flowers', 'florist', 'donation', 'donate', 'donated', 'charity', 'tithe', 'wedding gift', 'fundraiser', 'gofundme', 'birthday gift', 'bday gift', 'anniversary gift', 'christmas gift', 'xmas gift', 'christmas presents', 'gift for', 'shagun', 'red cross', 'unicef', 'nonprofit', 'temple donation', 'church', 'offering', 'zakat', 'sadaqah', 'bouquet', 'greeting card', 'baby shower', 'housewarming', 'secret santa', 'birthday card'],
  insurance: ['insurance', 'premium', 'insurance premium', 'geico', 'allstate', 'state farm', 'progressive', 'lic', 'policy', 'health insurance', 'car insurance', 'life insurance', 'renters insurance', 'home insurance', 'pet insurance', 'dental insurance', 'auto insurance', 'travel insurance', 'bike insurance', 'term plan', 'mediclaim', 'aviva', 'aig', 'metlife', 'farmers insurance', 'liberty mutual', 'nrma', 'aami', 'bupa', 'medibank', 'star health', 'hdfc ergo', 'icici lombard', 'acko', 'policybazaar', 'coverage', 'deductible', 'usaa', 'max bupa'],
  fees: ['fee', 'fees', 'bank fee', 'service charge', 'late fee', 'overdraft', 'wire transfer fee', 'atm fee', 'commission', 'penalty', 'fine', 'interest charge', 'annual fee', 'charges', 'forex markup', 'foreign transaction fee', 'fx fee', 'convenience fee', 'processing fee', 'maintenance charge', 'bank charges', 'service fee', 'transaction fee', 'minimum balance', 'late payment', 'finance charge', 'interest charged', 'card fee', 'card interest', 'credit card interest', 'interest on card', 'stamp duty', 'parking ticket', 'parking fine', 'speeding ticket', 'traffic fine', 'challan', 'gst', 'tax', 'taxes', 'irs', 'income tax', 'property tax', 'account maintenance', 'atm surcharge', 'surcharge', 'bounced cheque', 'bounced check', 'loan interest', 'interest on loan'],
  home: ['home', 'home depot', 'lowes', "lowe's", 'hardware', 'tools', 'lightbulbs', 'light bulbs', 'plumber', 'electrician', 'repairs', 'repair', 'cleaning', 'cleaner', 'maid', 'housekeeping', 'furnishings', 'decor', 'paint', 'garden', 'gardening', 'bed bath', 'detergent', 'laundry', 'dry cleaning', 'b&q', 'homebase', 'wayfair', 'appliance', 'ikea', 'furniture', 'sofa', 'couch', 'lamp', 'curtains', 'mattress', 'cookware', 'mulch', 'soil', 'plants', 'plant', 'seeds', 'lawn', 'lawn mower', 'lawnmower', 'handyman', 'locksmith', 'pest control', 'exterminator', 'carpet', 'rug', 'towels', 'bedsheets', 'bed sheets', 'pillows', 'blinds', 'shelves', 'shelf', 'drill', 'screws', 'batteries', 'bulbs', 'vacuum', 'dishwasher', 'washing machine', 'fridge', 'microwave', 'kettle', 'toaster', 'air conditioner', 'ac service', 'ac repair', 'bunnings', 'menards', 'ace hardware', 'lowes', 'pottery barn', 'crate and barrel', 'west elm', 'homegoods', 'pepperfry', 'urban ladder', 'cleaning supplies', 'dish soap', 'trash bags', 'paper towels', 'toilet paper', 'household', 'kitchen', 'utensils', 'plates', 'house cleaning', 'cleaning lady', 'maid service', 'renovation', 'contractor', 'gardener', 'snow removal', 'snow plow', 'snow plowing', 'hvac', 'furnace', 'smoke detector', 'carbon monoxide detector'],
  pets: ['pet', 'pets', 'dog', 'cat', 'cat litter', 'litter', 'dog food', 'cat food', 'vet', 'vet bill', 'veterinary', 'veterinarian', 'petco', 'petsmart', 'grooming dog', 'kibble', 'pet food', 'puppy', 'kitten', 'dog walker', 'dog walking', 'dog sitter', 'pet sitter', 'boarding kennel', 'kennel', 'dog treats', 'cat treats', 'treats for the dog', 'flea', 'heartworm', 'chewy', 'pet supplies', 'aquarium fish', 'fish food', 'bird seed', 'leash', 'collar', 'dog toys', 'cat toys', 'vet visit', 'grooming for the dog', 'dog grooming', 'cat litter box', 'dog daycare', 'doggy daycare', 'dewormer', 'cat sitter', 'heartworm pills', 'heartworm medicine', 'flea treatment'],
  salary: ['salary', 'paycheck', 'pay check', 'payroll', 'wages', 'wage', 'bonus', 'stipend', '~got paid', '~pay day', 'payday', 'gehalt'],
  other_income: ['refund', 'reimbursement', 'cashback', 'cash back', 'dividend', 'dividends', 'interest', 'sold', 'rebate', 'freelance', 'freelancing', 'side gig', 'consulting fee', 'winnings', 'prize', 'tax refund', 'gift money', 'earnings', 'side hustle', 'rental income', 'sale', 'sales', 'tips', 'tip money'],
  transfer: ['~transfer', '~transferred', 'savings', 'amex', 'american express', 'mastercard', 'barclaycard', 'credit card', 'emergency fund', 'credit card payment', 'paid off', 'autopay', 'zelle', 'venmo', 'paypal transfer', 'lent', 'loan to', 'neft', 'imps', 'upi transfer', 'own account'],
  cash: ['atm', 'cash withdrawal', 'withdrew', 'withdrawal', 'cash out', 'cash'],
  investments: ['etf', 'stock market', 'stocks', 'stock', 'shares', 'invest', 'invested', 'investment', 'mutual fund', 'sip', 'index fund', 'brokerage', 'robinhood', 'vanguard', 'fidelity', 'crypto', 'bitcoin', 'zerodha', 'groww', 'ira', '401k', 'roth', 'eth', 'ethereum', 'btc', 'solana', 'bonds', 'treasury bills', 't-bills', 'ppf', 'nps', 'elss', 'demat', 'coinbase', 'binance', 'wazirx', 'schwab', 'etrade', 'e*trade', 'webull', 'stash', 'acorns', 'betterment', 'wealthfront', 'upstox', 'smallcase', 'ishares', 'vti', 'voo', 'vxus', 'vtsax', 'fxaix', 'qqq', 'schd', 'vwrl', 'vwce', 'vuag', 'vfv', 'xeqt', 'veqt', 'vdhg', 'niftybees', 'isa', 'stocks and shares isa', 'sipp', 'tfsa', 'rrsp', 'resp', 'fhsa', 'superannuation', 'super contribution', 'pension contribution', '401k contribution', 'ira contribution', 'roth contribution'],
};

/** Merchants worth naming in a suggestion, as people write them. */
export const KNOWN_MERCHANTS: readonly string[] = [
  'safeway', 'kroger', 'aldi', 'lidl', 'tesco', 'whole foods', 'trader joes', 'costco', 'starbucks', 'mcdonalds', 'chipotle', 'uber',
  'lyft', 'ola', 'shell', 'chevron', 'exxon', 'amazon', 'ebay', 'target', 'walmart', 'ikea', 'netflix', 'hulu', 'spotify', 'github',
  'udemy', 'coursera', 'home depot', 'petco', 'petsmart', 'airbnb', 'swiggy', 'zomato', 'flipkart', 'doordash', 'cvs', 'walgreens',
  'best buy', 'apple store', 'sainsburys', 'asda', 'waitrose', 'pret', 'nandos', 'deliveroo', 'bigbasket',
];
